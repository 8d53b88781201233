/** What every business component shares: the exception for input a person got wrong. */
package org.mlarena.common;
