/**
 * Collections of primitives, without boxing, for the paths that run on every sample or
 * call.
 */
package io.github.profiling.collect;
