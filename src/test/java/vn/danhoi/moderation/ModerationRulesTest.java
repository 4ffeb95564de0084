package vn.danhoi.moderation;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.Staff;
import vn.danhoi.infra.ApiError;
import vn.danhoi.intake.ComplaintRules.Kind;
import vn.danhoi.intake.ItemStatus;
import vn.danhoi.intake.Submission;
import vn.danhoi.moderation.ModerationRules.Facts;
import vn.danhoi.moderation.Transition.Askers;
import vn.danhoi.moderation.Transition.Move;
import vn.danhoi.moderation.Transition.Placed;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static vn.danhoi.intake.ItemStatus.ANSWERED;
import static vn.danhoi.intake.ItemStatus.DEFERRED;
import static vn.danhoi.intake.ItemStatus.MERGED;
import static vn.danhoi.intake.ItemStatus.NEXT;
import static vn.danhoi.intake.ItemStatus.ON_AIR;
import static vn.danhoi.intake.ItemStatus.RECEIVED;
import static vn.danhoi.intake.ItemStatus.REFERRED;
import static vn.danhoi.intake.ItemStatus.REJECTED;
import static vn.danhoi.intake.ItemStatus.SHORTLISTED;

/** The editorial board's rules, decided without a database: what each action may do to an item, and what not. */
class ModerationRulesTest {

  private static final Instant NOW = Instant.parse("2026-05-10T12:00:00Z");
  private static final UUID EPISODE = UUID.randomUUID();
  private static final Staff LAN = new Staff("staff:lan", "Nguyễn Thị Lan", Role.EDITOR);
  private static final Staff HUNG = new Staff("staff:hung", "Trần Văn Hùng", Role.EDITOR);

  private final ModerationRules rules = new ModerationRules(Duration.ofMinutes(5));

  @Test
  void anItemClaimedByAnotherEditorIsRefusedUntilTheClaimLapses() {
    Submission held = claimed(item(RECEIVED), HUNG, NOW.minusSeconds(60));
    for (ModerationCommand c : List.of(new ModerationCommand.Claim(), new ModerationCommand.Release(),
        new ModerationCommand.Edit("Khi nào sửa đường?"), new ModerationCommand.OnAir(),
        new ModerationCommand.Unmerge(), new ModerationCommand.Answered())) {
      refused(409, "item.claimed", () -> decide(c, LAN, held, Facts.NONE));
    }
    Move claim = only(decide(new ModerationCommand.Claim(), LAN, held, Facts.NONE, NOW.plusSeconds(241)));
    assertEquals(List.of(new Transition.Claimed("staff:lan", "Nguyễn Thị Lan")), claim.effects());
    // the holder itself is never in its own way
    assertEquals(RECEIVED, only(decide(new ModerationCommand.Edit("Sửa lời"), HUNG, held, Facts.NONE)).to());
  }

  @Test
  void aClosedItemTakesNoEditorialStep() {
    for (ItemStatus closed : List.of(ANSWERED, REJECTED, MERGED)) {
      for (ModerationCommand c : List.of(new ModerationCommand.Edit("Sửa lời"),
          new ModerationCommand.Categorize("Giao thông", null), new ModerationCommand.Reject("spam"),
          new ModerationCommand.Shortlist(null), new ModerationCommand.Order(2), new ModerationCommand.Next(),
          new ModerationCommand.OnAir(), new ModerationCommand.Defer())) {
        refused(409, "item.invalid_transition", () -> decide(c, LAN, item(closed), new Facts(null, 4, null)));
      }
      // a claim is not a step: it only says who is looking
      assertEquals(closed, only(decide(new ModerationCommand.Claim(), LAN, item(closed), Facts.NONE)).to());
    }
  }

  @Test
  void theQuestionOnAirIsAnsweredOrDeferredBeforeAnythingElse() {
    Submission onAir = item(ON_AIR);
    for (ModerationCommand c : List.of(new ModerationCommand.Reject("off_topic"),
        new ModerationCommand.Merge(UUID.randomUUID()), new ModerationCommand.Shortlist("Sở Xây dựng"),
        new ModerationCommand.Next(), new ModerationCommand.OnAir())) {
      refused(409, "item.invalid_transition", () -> decide(c, LAN, onAir, new Facts(item(RECEIVED), 4, onAir)));
    }
    assertEquals(List.of(new Transition.AnsweredNow()),
        expect(decide(new ModerationCommand.Answered(), LAN, onAir, Facts.NONE), ON_AIR, ANSWERED).effects());
    assertEquals(List.of(new Transition.OffAir()),
        expect(decide(new ModerationCommand.Defer(), LAN, onAir, Facts.NONE), ON_AIR, DEFERRED).effects());
    assertEquals(List.of(Placed.at(1)), only(decide(new ModerationCommand.Order(1), LAN, onAir, Facts.NONE)).effects());
  }

  @Test
  void onlyAQuestionOnAirCanBeMarkedAnswered() {
    for (ItemStatus s : List.of(RECEIVED, SHORTLISTED, NEXT, DEFERRED)) {
      refused(409, "item.invalid_transition",
          () -> decide(new ModerationCommand.Answered(), LAN, item(s), Facts.NONE));
    }
  }

  @Test
  void goingOnAirSendsTheQuestionThereBeforeBackToTheHeadOfNext() {
    Submission before = item(ON_AIR);
    Submission now = item(NEXT);
    Transition t = decide(new ModerationCommand.OnAir(), LAN, now, new Facts(null, null, before));
    assertEquals("item.on-air", t.event());
    assertEquals(List.of(
        new Move(before.id(), ON_AIR, NEXT, List.of(new Transition.OffAir())),
        new Move(now.id(), NEXT, ON_AIR, List.of(new Transition.OnAirNow()))), t.steps());
    // with nothing on air, only the one going on
    assertEquals(List.of(new Move(now.id(), NEXT, ON_AIR, List.of(new Transition.OnAirNow()))),
        decide(new ModerationCommand.OnAir(), LAN, now, Facts.NONE).steps());
  }

  @Test
  void shortlistAndNextKeepAPlaceTheItemAlreadyHas() {
    Transition shortlist = decide(new ModerationCommand.Shortlist("Sở Giao thông vận tải"), LAN, item(RECEIVED),
        new Facts(null, 7, null));
    assertEquals(List.of(Placed.unlessPlaced(7), new Transition.Responder("Sở Giao thông vận tải")),
        expect(shortlist, RECEIVED, SHORTLISTED).effects());
    assertEquals(List.of(Placed.unlessPlaced(8)),
        expect(decide(new ModerationCommand.Next(), LAN, item(SHORTLISTED), new Facts(null, 8, null)), SHORTLISTED,
            NEXT).effects());
  }

  @Test
  void aMergedQuestionCountsItsAskersOnTheOneItJoinsAndUnmergeGivesThemBack() {
    Submission target = item(SHORTLISTED);
    Submission asked = withAskers(item(RECEIVED), 3, null);
    Transition merge = decide(new ModerationCommand.Merge(target.id()), LAN, asked, new Facts(target, null, null));
    assertEquals(List.of(
        new Move(asked.id(), RECEIVED, MERGED, List.of(new Transition.MergedInto(target.id()), Placed.nowhere())),
        new Askers(target.id(), 3)), merge.steps());

    Submission merged = withAskers(item(MERGED), 3, target.id());
    assertEquals(List.of(
        new Move(merged.id(), MERGED, RECEIVED, List.of(new Transition.MergedInto(null))),
        new Askers(target.id(), -3)), decide(new ModerationCommand.Unmerge(), LAN, merged, Facts.NONE).steps());
    refused(409, "item.invalid_transition",
        () -> decide(new ModerationCommand.Unmerge(), LAN, item(RECEIVED), Facts.NONE));
  }

  @Test
  void aQuestionMergesOnlyIntoAnotherOpenOneOfTheSameEpisode() {
    Submission asked = item(RECEIVED);
    refused(400, "into.invalid", () -> decide(new ModerationCommand.Merge(asked.id()), LAN, asked,
        new Facts(asked, null, null)));
    refused(400, "into.not_found", () -> decide(new ModerationCommand.Merge(UUID.randomUUID()), LAN, asked,
        Facts.NONE));
    Submission elsewhere = item(RECEIVED, UUID.randomUUID());
    refused(400, "into.not_found", () -> decide(new ModerationCommand.Merge(elsewhere.id()), LAN, asked,
        new Facts(elsewhere, null, null)));
    for (ItemStatus gone : List.of(MERGED, REJECTED)) {
      Submission target = item(gone);
      refused(409, "item.invalid_transition", () -> decide(new ModerationCommand.Merge(target.id()), LAN, asked,
          new Facts(target, null, null)));
    }
  }

  @Test
  void rejectingTakesTheItemOutOfTheRunningOrder() {
    Transition t = decide(new ModerationCommand.Reject("complaint"), LAN, item(SHORTLISTED), Facts.NONE);
    assertEquals("item.reject", t.event());
    assertEquals(List.of(new Transition.RejectedFor("complaint"), Placed.nowhere()),
        expect(t, SHORTLISTED, REJECTED).effects());
  }

  @Test
  void theBodyNamesTheFieldThatIsMissingOrWrong() {
    refused(400, "action.required", () -> ModerationCommand.parse(new JsonObject()));
    refused(400, "action.required", () -> ModerationCommand.parse(new JsonObject().put("action", 3)));
    refused(400, "action.invalid", () -> parse("publish"));
    refused(400, "text.required", () -> parse("edit"));
    refused(400, "field.required", () -> parse("categorize"));
    refused(400, "reason.invalid", () -> ModerationCommand.parse(
        new JsonObject().put("action", "reject").put("reason", "boring")));
    refused(400, "into.invalid", () -> ModerationCommand.parse(
        new JsonObject().put("action", "merge").put("into", "không-phải-mã")));
    refused(400, "position.required", () -> parse("order"));
    assertEquals(new ModerationCommand.Categorize(null, "UBND phường"), ModerationCommand.parse(
        new JsonObject().put("action", "categorize").put("agency", "UBND phường")));
    assertEquals("item.on-air", parse("on-air").event());
  }

  @Test
  void confirmingAComplaintRefersItOutOfTheRunningOrderWithoutRejectingIt() {
    Submission shortlisted = suggested(item(SHORTLISTED), Kind.COMPLAINT);
    Move referred = only(decide(new ModerationCommand.Classify(Kind.COMPLAINT), LAN, shortlisted, Facts.NONE));
    assertEquals(REFERRED, referred.to());
    assertEquals(List.of(new Transition.Classified(Kind.COMPLAINT, "staff:lan"), Placed.nowhere(),
        new Transition.Released()), referred.effects());
    // on air, it is taken off first (answered or deferred), like a rejection
    refused(409, "item.invalid_transition",
        () -> decide(new ModerationCommand.Classify(Kind.DENUNCIATION), LAN, item(ON_AIR), Facts.NONE));
    for (ItemStatus closed : List.of(ANSWERED, REJECTED, MERGED)) {
      refused(409, "item.invalid_transition",
          () -> decide(new ModerationCommand.Classify(Kind.COMPLAINT), LAN, item(closed), Facts.NONE));
    }
  }

  @Test
  void aComplaintSuggestedOrConfirmedNeverGoesOnAirOrIntoTheRunningOrder() {
    Submission maybe = suggested(item(RECEIVED), Kind.DENUNCIATION);
    Submission confirmed = confirmed(item(REFERRED), Kind.DENUNCIATION);
    for (ModerationCommand c : List.of(new ModerationCommand.OnAir(), new ModerationCommand.Next(),
        new ModerationCommand.Shortlist(null))) {
      refused(409, "item.complaint_unconfirmed", () -> decide(c, LAN, maybe, new Facts(null, 1, null)));
      refused(409, "item.complaint", () -> decide(c, LAN, confirmed, new Facts(null, 1, null)));
    }
    // dismissed: a question like any other
    Submission dismissed = confirmed(item(RECEIVED), Kind.QUESTION);
    assertEquals(ON_AIR, only(decide(new ModerationCommand.OnAir(), LAN, withSuggestion(dismissed, Kind.DENUNCIATION),
        Facts.NONE)).to());
  }

  @Test
  void aReferredItemCalledAQuestionComesBackToTheQueue() {
    Move back = only(decide(new ModerationCommand.Classify(Kind.QUESTION), LAN,
        confirmed(item(REFERRED), Kind.COMPLAINT), Facts.NONE));
    assertEquals(RECEIVED, back.to());
    Move kept = only(decide(new ModerationCommand.Classify(Kind.QUESTION), LAN,
        suggested(item(DEFERRED), Kind.COMPLAINT), Facts.NONE));
    assertEquals(DEFERRED, kept.to(), "a dismissal changes no status");
    assertEquals(List.of(new Transition.Classified(Kind.QUESTION, "staff:lan")), kept.effects());
  }

  @Test
  void classifyReadsItsKindOrNamesTheField() {
    assertEquals(new ModerationCommand.Classify(Kind.DENUNCIATION),
        ModerationCommand.parse(new JsonObject().put("action", "classify").put("kind", "denunciation")));
    refused(400, "kind.invalid", () -> ModerationCommand.parse(new JsonObject().put("action", "classify")
        .put("kind", "to_cao")));
    refused(400, "kind.required", () -> ModerationCommand.parse(new JsonObject().put("action", "classify")));
  }

  private static Submission suggested(Submission s, Kind kind) {
    return withClassification(s, new Submission.Classification(kind, Kind.QUESTION, null, null));
  }

  private static Submission confirmed(Submission s, Kind kind) {
    return withClassification(s, new Submission.Classification(kind, kind, "staff:hung",
        OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC)));
  }

  private static Submission withSuggestion(Submission s, Kind suggested) {
    Submission.Classification c = s.classification();
    return withClassification(s, new Submission.Classification(suggested, c.kind(), c.confirmedBy(),
        c.confirmedAt()));
  }

  private static Submission withClassification(Submission s, Submission.Classification c) {
    return new Submission(s.id(), s.seq(), s.episodeId(), s.channel(), s.askerName(), s.locality(), s.phone(),
        s.email(), s.text(), s.receivedAt(), s.status(), s.field(), s.agency(), s.readyForAir(), s.callbackPhone(),
        s.notes(), s.moderation(), s.suggested(), s.originalText(), c, s.receiptCode());
  }

  private Transition decide(ModerationCommand c, Staff editor, Submission item, Facts facts) {
    return decide(c, editor, item, facts, NOW);
  }

  private Transition decide(ModerationCommand c, Staff editor, Submission item, Facts facts, Instant now) {
    return rules.decide(c, editor, item, facts, now);
  }

  private static ModerationCommand parse(String action) {
    return ModerationCommand.parse(new JsonObject().put("action", action));
  }

  private static Move only(Transition t) {
    assertEquals(1, t.steps().size(), t.toString());
    return (Move) t.steps().get(0);
  }

  private static Move expect(Transition t, ItemStatus from, ItemStatus to) {
    Move m = only(t);
    assertEquals(from, m.from());
    assertEquals(to, m.to());
    return m;
  }

  private static void refused(int status, String code, Executable action) {
    ApiError e = assertThrows(ApiError.class, action);
    assertEquals(code, e.code(), e.getMessage());
    assertEquals(status, e.status(), e.getMessage());
  }

  private static Submission item(ItemStatus status) {
    return item(status, EPISODE);
  }

  private static Submission item(ItemStatus status, UUID episodeId) {
    return with(UUID.randomUUID(), episodeId, status, moderation(null, null, null, 1, null));
  }

  private static Submission claimed(Submission s, Staff by, Instant at) {
    return with(s.id(), s.episodeId(), s.itemStatus(),
        moderation(by.actor(), by.name(), OffsetDateTime.ofInstant(at, ZoneOffset.UTC), 1, null));
  }

  private static Submission withAskers(Submission s, int askers, UUID mergedInto) {
    return with(s.id(), s.episodeId(), s.itemStatus(), moderation(null, null, null, askers, mergedInto));
  }

  private static Submission.Moderation moderation(String claimedBy, String claimedName, OffsetDateTime claimedAt,
                                                  int askers, UUID mergedInto) {
    return new Submission.Moderation(null, claimedBy, claimedName, claimedAt, mergedInto, null, null, null, null,
        null, askers, 0, false, null);
  }

  private static Submission with(UUID id, UUID episodeId, ItemStatus status, Submission.Moderation m) {
    return new Submission(id, 1, episodeId, "web", "Lê Văn Bình", "Phường Bến Nghé", "0903123456", null,
        "Bao giờ đường Lê Lợi hết ngập?", OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC), status.wire(), null, null,
        false, null, null, m, null, null, Submission.Classification.QUESTION, "7TXJC2C7");
  }
}
