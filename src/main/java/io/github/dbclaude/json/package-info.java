/**
 * A JSON document model that keeps key order and the exact text of numbers, with a parser that
 * reports line numbers and a pretty writer.
 *
 * <p>May depend on: nothing.
 *
 * <p>Its one library is jackson-core.
 */
package io.github.dbclaude.json;
