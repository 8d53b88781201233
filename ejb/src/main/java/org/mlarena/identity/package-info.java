/** Who people are: roles, and the settings of the sign-in (corporate OIDC provider or built-in demo users). */
package org.mlarena.identity;
