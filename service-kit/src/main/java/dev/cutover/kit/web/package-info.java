/** Request plumbing: request ids, list paging parameters. */
package dev.cutover.kit.web;
