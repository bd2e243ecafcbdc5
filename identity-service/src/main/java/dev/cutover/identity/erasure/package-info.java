/** PII erasure: destroys a user's personal data by shredding their data key; rows, statuses and the audit trail stay. */
package dev.cutover.identity.erasure;
