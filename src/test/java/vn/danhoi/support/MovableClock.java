package vn.danhoi.support;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test sets: deadlines pass when the test says so, never by waiting. */
public final class MovableClock extends Clock {

  private volatile Instant now;

  public MovableClock(OffsetDateTime start) {
    this.now = start.toInstant();
  }

  public void set(OffsetDateTime at) {
    now = at.toInstant();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
