/**
 * What every business component shares: the exceptions for input a person got wrong and for states that forbid a
 * request (each with its HTTP answer), the clock, the data directory, pages of lists, and {@link
 * org.mlarena.common.RunLifecycle}: the one life (queued, running, ended; interrupted, requeued) of everything that
 * runs as a batch job, embedded by experiments, submissions and device checks. Uses nothing of the platform's own.
 */
package org.mlarena.common;
