package dev.animerec.ingest.landing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import dev.animerec.ingest.RealItems;
import dev.animerec.ingest.validate.ItemValidator;
import dev.animerec.ingest.validate.LandingRecord;
import dev.animerec.items.Item;
import dev.animerec.items.ItemJson;
import dev.animerec.items.ItemKind;
import java.time.Instant;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowToStorageApiProto;
import org.junit.jupiter.api.Test;

/** Rows built from real items are accepted by BeamIO's own Storage Write API conversion for their table. */
class LandingTablesTest {

    @Test
    void everyKindHasATableSchemaFromTheContracts() {
        for (ItemKind kind : ItemKind.values()) {
            TableSchema schema = LandingTables.schemaOf(kind);
            assertThat(schema.getFields()).extracting("name").contains("uid", "crawl_date").doesNotContain("kind");
        }
    }

    @Test
    void realItemsConvertToStorageWriteApiMessagesOfTheirTable() throws Exception {
        ItemValidator validator = ItemValidator.fromClasspath();
        for (Item item : RealItems.all(Instant.parse("2023-01-15T10:00:00Z"))) {
            LandingRecord record = ((ItemValidator.Accepted) validator.check(ItemJson.write(item))).record();
            TableRow row = LandingTables.rowOf(record);
            assertThat(row).doesNotContainKey("kind").containsEntry("uid", item.uid());

            com.google.cloud.bigquery.storage.v1.TableSchema schema =
                    TableRowToStorageApiProto.schemaToProtoTableSchema(LandingTables.schemaOf(item.kind()));
            Descriptors.Descriptor descriptor = TableRowToStorageApiProto.getDescriptorFromTableSchema(schema, true,
                    false);
            DynamicMessage message = TableRowToStorageApiProto.messageFromTableRow(
                    TableRowToStorageApiProto.SchemaInformation.fromTableSchema(schema), descriptor, row, false,
                    false, null, null, -1);
            assertThat(message.getField(descriptor.findFieldByName("uid"))).isEqualTo(item.uid());
        }
    }

    @Test
    void deadLetterRowsFitTheDeadLetterTable() throws Exception {
        com.google.cloud.bigquery.storage.v1.TableSchema schema =
                TableRowToStorageApiProto.schemaToProtoTableSchema(LandingTables.deadLetterSchema());
        Descriptors.Descriptor descriptor = TableRowToStorageApiProto.getDescriptorFromTableSchema(schema, true, false);
        TableRow row = LandingTables.rowOf(new dev.animerec.ingest.validate.DeadLetter("unknown", "unreadable JSON",
                "{", "projects/p/subscriptions/items-ingest", "2023-01-15T10:00:00Z"));
        DynamicMessage message = TableRowToStorageApiProto.messageFromTableRow(
                TableRowToStorageApiProto.SchemaInformation.fromTableSchema(schema), descriptor, row, false, false,
                null, null, -1);
        assertThat(message.getField(descriptor.findFieldByName("payload"))).isEqualTo("{");
    }
}
