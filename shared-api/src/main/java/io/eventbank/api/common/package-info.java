/** Value objects shared by every aggregate's messages. */
package io.eventbank.api.common;
