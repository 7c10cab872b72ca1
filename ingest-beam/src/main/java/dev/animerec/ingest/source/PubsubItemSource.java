package dev.animerec.ingest.source;

import org.apache.beam.sdk.io.gcp.pubsub.PubsubIO;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * The ingestion subscription ({@code items-ingest}), one item per message. With an id attribute, the runner
 * also drops messages republished with the same attribute value (Dataflow: within about ten minutes).
 */
public final class PubsubItemSource extends PTransform<PBegin, PCollection<RawRecord>> {

    private final String subscription;
    private final String idAttribute;

    public PubsubItemSource(String subscription, String idAttribute) {
        this.subscription = subscription;
        this.idAttribute = idAttribute;
    }

    @Override
    public PCollection<RawRecord> expand(PBegin begin) {
        PubsubIO.Read<PubsubMessage> read = PubsubIO.readMessages().fromSubscription(subscription);
        if (idAttribute != null && !idAttribute.isBlank()) {
            read = read.withIdAttribute(idAttribute);
        }
        return begin.apply("ReadSubscription", read)
                .apply("DecodeMessages", ParDo.of(new DecodeFn(subscription)))
                .setCoder(RawRecord.Coder.of());
    }

    private static final class DecodeFn extends DoFn<PubsubMessage, RawRecord> {
        private final String subscription;

        DecodeFn(String subscription) {
            this.subscription = subscription;
        }

        @ProcessElement
        public void process(@Element PubsubMessage message, OutputReceiver<RawRecord> out) {
            byte[] payload = message.getPayload();
            out.output(Utf8Lines.decode(payload, payload.length, subscription));
        }
    }
}
