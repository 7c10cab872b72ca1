/**
 * The local runtime: with the {@code local} profile (the default) and no external url configured, the
 * applications start real PostgreSQL and Redis servers embedded in the JVM, with their state under
 * {@code ./var} ({@code animerec.local.home}). A second process of the project finds the servers already
 * listening and attaches to them instead of starting its own, so the crawler, the batch jobs and the
 * serving app share one schedule database and one Redis on a laptop as they do in the cloud.
 */
package dev.animerec.localruntime;
