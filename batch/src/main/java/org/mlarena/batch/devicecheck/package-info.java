/**
 * The {@code device-check} job: runs a matrix product on the selected numerics device and compares it
 * with the plain-Java reference. The job's listener, provided by the application (ejb module), records
 * the outcome; this package only computes.
 */
package org.mlarena.batch.devicecheck;
