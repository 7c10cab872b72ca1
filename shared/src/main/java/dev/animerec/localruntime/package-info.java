/**
 * The local runtime: with the {@code local} profile (the default) and no external url configured, the
 * applications start real PostgreSQL and Redis servers embedded in the JVM, with their state under
 * {@code ./var} ({@code animerec.local.home}). A second process of the same home finds the servers already
 * listening and attaches to them instead of starting its own, so the crawler, the batch jobs and the
 * serving app share one schedule database and one Redis on a laptop as they do in the cloud. The ports are
 * the home's own ({@link dev.animerec.localruntime.LocalHome}: recorded under the home, the default ones when
 * free), and a process attaches only after the server confirms it serves this home's data directory, so a
 * second checkout or a test run never writes into another home's database.
 */
package dev.animerec.localruntime;
