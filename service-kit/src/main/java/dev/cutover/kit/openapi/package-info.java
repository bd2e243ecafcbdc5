/** How every service describes itself in OpenAPI: snake_case schemas, bearer security, problem responses. */
package dev.cutover.kit.openapi;
