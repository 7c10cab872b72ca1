/**
 * The item contracts: the typed records that flow crawler -> ingestion queue -> landing area.
 *
 * <p>The Java records here are the single definition. The JSON Schemas under {@code schemas/json} and the
 * BigQuery landing schemas under {@code schemas/bigquery} are generated from them by
 * {@link dev.animerec.items.schema.SchemaWriter} and checked in; a test fails when they drift apart.
 *
 * <p>Every item carries its envelope: {@code uid} (stable: the same entity crawled at the same instant always
 * gets the same uid, so a record delivered twice can be landed once), {@code schema_version}, the source
 * {@code url} and {@code crawl_date}. On the wire every field name is snake_case and the item's kind is the
 * {@code kind} property.
 */
package dev.animerec.items;
