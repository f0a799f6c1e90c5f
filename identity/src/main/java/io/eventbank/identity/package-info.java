/** Who calls: both services as OAuth2 resource servers, the caller's role and subject, refusals as problems. */
package io.eventbank.identity;
