/** Orders as the read side keeps them: the order list view, each order's lines, and the names of paying customers. */
package io.eventbank.query.order;
