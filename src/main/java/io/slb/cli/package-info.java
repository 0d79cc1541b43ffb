/**
 * The command line: {@code slb server} with the seed's flags (and new ones in the same camelCase
 * style) and {@code slb version}. Parsing and checking flags happens here; nothing else does.
 */
@NullMarked
package io.slb.cli;

import org.jspecify.annotations.NullMarked;
