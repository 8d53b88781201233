/**
 * The platform component: what ML Arena runs on (version, database, persistence provider, numerics
 * device) and the device check, a batch job that proves the numerics device computes correctly.
 */
package org.mlarena.platform;
