// The one-time notice (一次性告知): for one applicant's answers (possibly
// incomplete) to a matter's or a bundle's questions, whether they may apply,
// what they bring, how many trips it costs them and by when it is done — the
// trips by the same rules as onetrip/trips.hpp, on this situation's facts —
// and which unanswered questions would change any of it.
#ifndef ONETRIP_NOTICE_HPP_
#define ONETRIP_NOTICE_HPP_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <variant>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "onetrip/calendar.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/date.hpp"
#include "onetrip/situation.hpp"
#include "onetrip/trips.hpp"

namespace onetrip {

// An answer: a yes/no (bool), a number (double), one choice (string), several
// choices (vector), a day (Date). A string is also read as text for any type
// ("yes"/"no"/"是"/"否", "40", "2017-07-01", choices separated by commas).
using AnswerValue = std::variant<bool, double, std::string, std::vector<std::string>, Date>;

struct Answer {
  std::string question;  // the question's id
  AnswerValue value;
};

enum class Eligibility : uint8_t {
  kEligible,      // no rule refuses, whatever the unanswered questions
  kNotEligible,   // at least one rule refuses
  kUndetermined,  // no rule refuses yet; some would, by answers not given
};

// One eligibility rule that refuses this applicant.
struct NoticeRefusal {
  std::string owner;  // the matter's code or the bundle's id whose rule it is
  std::string reason;
  std::string basis;
  Refusal refusal = Refusal::kNotGranted;
  std::string instead;  // the matter to apply for instead, when the rule names one
  std::string when;     // the rule's condition
};

// One material the applicant brings (or the window fetches). By the trip
// rules (bundle_materials): merged across the members that apply when one
// window accepts the bundle; accepted at separate windows, one entry per member
// that needs it (each window keeps its own set). A shared material, fetched,
// is one entry.
struct NoticeMaterial {
  MaterialIndex material = 0;
  MaterialForm form = MaterialForm::kPaper;
  bool original = false;  // the original is shown (else a copy)
  int32_t copies = 1;
  Necessity necessity = Necessity::kRequired;
  bool shared = false;  // fetched by data sharing: the applicant brings nothing
  bool certain = true;  // false: needed only in situations the unanswered questions decide
  // The members that need it: most materials one, held inline (no allocation).
  absl::InlinedVector<MatterIndex, 2> needed_by;
  // The condition that makes it apply, if any: borrowed from the matter's
  // situations, which the notice keeps alive (Notice::situations).
  std::string_view when;
};

struct NoticeOptions {
  // With both, the notice gives the due date: start + the working days until
  // the last result, on this calendar.
  const Calendar* calendar = nullptr;
  std::optional<Date> start;
};

struct Notice {
  std::string code;  // the matter's code or the bundle's id asked about
  std::string name;
  bool bundle = false;
  std::vector<Answer> answers;  // as given, checked

  Eligibility eligibility = Eligibility::kEligible;
  std::vector<NoticeRefusal> refusals;          // kNotEligible: every rule that refuses
  std::vector<std::string> deciding_questions;  // kUndetermined: the questions that decide it

  std::vector<MatterIndex> members;               // the matters that apply (a matter: itself)
  std::vector<MatterIndex> undetermined_members;  // among them, those the unanswered questions may drop
  std::vector<NoticeMaterial> materials;          // what to bring, then what is fetched
  std::vector<std::string> variants;              // the notes of the variants that apply

  TripResult trips;         // the trips for this situation, with their reasons
  int32_t workdays = 0;     // working days until the last result
  std::optional<Date> due;  // with NoticeOptions' calendar and start

  std::vector<Question> open_questions;  // unanswered questions that would change any of the above

  // The situations of the matters and bundle asked about, which the borrowed
  // texts above (NoticeMaterial::when) point into: kept alive with the notice,
  // so it stays valid without the catalogue.
  std::vector<SituationsRef> situations;
};

// The notice for a matter code or a bundle id. INVALID_ARGUMENT for an answer
// to a question not asked (naming the questions asked), of the wrong type, or
// outside the choices (naming the allowed values); NOT_FOUND for an unknown
// code. Missing answers are not an error: they are what "undetermined" is for.
absl::StatusOr<Notice> notice(const Catalog& catalog, std::string_view code, absl::Span<const Answer> answers,
                              const NoticeOptions& options = {});

// The same with answers as "question=value" texts (the tool's --answer).
absl::StatusOr<Notice> notice(const Catalog& catalog, std::string_view code, absl::Span<const std::string> answer_texts,
                              const NoticeOptions& options = {});

// The questions a matter or bundle asks (a bundle: its own, then its members').
absl::StatusOr<std::vector<Question>> questions_of(const Catalog& catalog, std::string_view code);

// Over all situations of a matter or bundle: the range of trips, worst case and
// working days over the situations that may apply. The situations are the
// combinations of the answers the conditions tell apart (for a number: below,
// at, between and above the constants it is compared with; for a choice: each
// choice), over the questions some condition reads; a question no condition
// reads changes nothing and is not enumerated. Over `max_situations`
// combinations, only the questions that change the trips are enumerated
// (eligibility rules on the others ignored: the range can only widen); when
// those are still too many, each question is varied alone, the others
// unanswered. `exact` says whether every combination was tried
// (docs/catalog-format.md, "Over all situations").
struct SituationRangeOptions {
  double max_situations = 4096;
};
struct SituationRange {
  int32_t situations = 0;           // combinations evaluated
  int32_t eligible_situations = 0;  // of which not refused
  int32_t best_trips = 0, worst_trips = 0;
  int32_t best_worst_case = 0, worst_worst_case = 0;
  int32_t best_workdays = 0, worst_workdays = 0;
  bool exact = true;
  std::vector<std::string> questions;  // the questions enumerated
  auto fields() const {
    return std::tie(situations, eligible_situations, best_trips, worst_trips, best_worst_case, worst_worst_case,
                    best_workdays, worst_workdays, exact, questions);
  }
};
absl::StatusOr<SituationRange> situation_range(const Catalog& catalog, std::string_view code,
                                               const SituationRangeOptions& options = {});

// The notice as readable Chinese text with the catalogue's names, and as JSON.
std::string notice_text(const Catalog& catalog, const Notice& notice);
std::string notice_json(const Catalog& catalog, const Notice& notice);

const char* to_string(Eligibility v);  // "eligible", "not_eligible", "undetermined"

}  // namespace onetrip

#endif  // ONETRIP_NOTICE_HPP_
