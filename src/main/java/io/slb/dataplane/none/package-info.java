/**
 * {@code --dataplane none}: a data plane that programs nothing and logs, as ipvsadm commands, what
 * a kernel data plane would program. For trying the API and for dry runs.
 */
@NullMarked
package io.slb.dataplane.none;

import org.jspecify.annotations.NullMarked;
