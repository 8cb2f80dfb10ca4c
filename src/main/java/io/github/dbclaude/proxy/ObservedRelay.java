package io.github.dbclaude.proxy;

import java.nio.ByteBuffer;
import org.eclipse.jetty.util.Callback;

/** A relay that shows each chunk to the exchange's observer (usage records) before relaying it. */
record ObservedRelay(ResponseRelay relay, ProxyObserver.Observation observation)
    implements ResponseRelay {
  @Override
  public void content(ByteBuffer bytes, Callback done) {
    observation.body(bytes.asReadOnlyBuffer());
    relay.content(bytes, done);
  }

  @Override
  public void end(Callback done) {
    relay.end(done);
  }
}
