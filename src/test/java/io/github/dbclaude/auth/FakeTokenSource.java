package io.github.dbclaude.auth;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

/** A token source that answers from a script of tokens and failures and counts its calls. */
final class FakeTokenSource implements TokenSource {
  private final Deque<Object> answers = new ArrayDeque<>();
  final AtomicInteger calls = new AtomicInteger();

  synchronized FakeTokenSource thenReturn(Token token) {
    answers.add(token);
    return this;
  }

  synchronized FakeTokenSource thenFail(String message) {
    answers.add(new IOException(message));
    return this;
  }

  @Override
  public synchronized Token token() throws IOException {
    calls.incrementAndGet();
    Object next = answers.isEmpty() ? new IOException("no more answers scripted") : answers.poll();
    if (next instanceof IOException e) {
      throw e;
    }
    return (Token) next;
  }
}
