// Situations (情形): the questions a matter or a bundle asks its applicant, the
// conditions over their answers, and what depends on them — materials,
// channels, fee and limit (variants), eligibility rules, a bundle's members.
// docs/catalog-format.md ("Situations") gives the JSON form and the grammar of
// conditions; onetrip/notice.hpp answers them for one applicant.
#ifndef ONETRIP_SITUATION_HPP_
#define ONETRIP_SITUATION_HPP_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace onetrip {

enum class OnlineApplication : uint8_t;  // onetrip/catalog.hpp
enum class LimitUnit : uint8_t;          // onetrip/catalog.hpp

enum class QuestionType : uint8_t {
  kYesNo,    // yes or no
  kChoice,   // one of the listed choices
  kChoices,  // any number of the listed choices
  kNumber,   // a number, with its unit
  kDate,     // a day, YYYY-MM-DD
};

struct Question {
  std::string id;  // [A-Za-z_][A-Za-z0-9_]*, unique among the questions a notice asks
  std::string text;
  QuestionType type = QuestionType::kYesNo;
  std::vector<std::string> choices;  // kChoice and kChoices: the allowed answers (at most 64)
  std::string unit;                  // kNumber: e.g. "平方米"
  // The fields, for comparison.
  auto fields() const { return std::tie(id, text, type, choices, unit); }
};

namespace internal {
struct ConditionCode;  // lib/condition.hpp: the compiled form
}

// A condition over the answers, as written (docs/catalog-format.md). A
// catalogue compiles it once when it is built; two conditions are equal when
// their texts are.
struct Condition {
  std::string text;
  std::shared_ptr<const internal::ConditionCode> code;  // set by the catalogue; null before
  auto fields() const { return std::tie(text); }
};

// What a refusal means for the applicant.
enum class Refusal : uint8_t {
  kNotGranted,  // the matter cannot be granted (不予办理): "不得办理"
  kElsewhere,   // not this matter: another route applies (e.g. the 食品经营许可 instead of the registration)
};

// When the condition holds, the matter may not be granted or applied for.
struct EligibilityRule {
  Condition when;
  std::string reason;  // what the applicant is told
  std::string basis;   // the legal basis, cited; empty where there is none
  Refusal refusal = Refusal::kNotGranted;
  std::string instead;  // kElsewhere: the code of the matter to apply for instead (optional)
  auto fields() const { return std::tie(when, reason, basis, refusal, instead); }
};

// A material use (a position in Matter::materials) that applies only when its
// condition holds, and how many copies of it.
struct MaterialRule {
  uint32_t use = 0;    // position in Matter::materials
  Condition when;      // empty text: always (then only `copies` is said)
  int32_t copies = 0;  // 0: not stated (one)
  auto fields() const { return std::tie(use, when, copies); }
};

// Where a situation differs from the matter: the fields it sets when its
// condition holds (applied in order; a later variant wins).
struct Variant {
  Condition when;
  std::optional<OnlineApplication> online;
  std::optional<bool> postal_application;
  std::optional<bool> express_delivery;
  std::optional<bool> electronic_licence;
  std::optional<bool> online_payment;
  std::optional<bool> tolerant_acceptance;
  std::optional<int64_t> fee_fen;
  std::optional<int32_t> promise_day;  // in promise_type, else in the matter's promised unit
  std::optional<std::string> personal_presence;
  std::string note;  // which situation this is, where the facts come from
  // The unit of promise_day when not the matter's (a promised_limit reform in a
  // situation sets working days, as it does for the whole matter).
  std::optional<LimitUnit> promise_type;
  auto fields() const {
    return std::tie(when, online, postal_application, express_delivery, electronic_licence, online_payment,
                    tolerant_acceptance, fee_fen, promise_day, personal_presence, note, promise_type);
  }
};

// A bundle member that applies only when its condition holds.
struct MemberRule {
  uint32_t member = 0;  // position in Bundle::members
  Condition when;
  auto fields() const { return std::tie(member, when); }
};

// Everything situational of one matter or bundle.
struct Situations {
  std::vector<Question> questions;
  std::vector<EligibilityRule> eligibility;
  std::vector<MaterialRule> materials;  // matters only, by use position
  std::vector<Variant> variants;        // matters only
  std::vector<MemberRule> members;      // bundles only, by member position
  bool empty() const {
    return questions.empty() && eligibility.empty() && materials.empty() && variants.empty() && members.empty();
  }
  auto fields() const { return std::tie(questions, eligibility, materials, variants, members); }
};

// A matter's or a bundle's situations, shared by the catalogues derived from
// it; compared by value. Null: none.
class SituationsRef {
 public:
  SituationsRef() = default;
  explicit SituationsRef(std::shared_ptr<const Situations> s) : s_(std::move(s)) {}
  explicit operator bool() const { return s_ != nullptr; }
  const Situations& operator*() const { return *s_; }
  const Situations* operator->() const { return s_.get(); }
  const Situations* get() const { return s_.get(); }
  const std::shared_ptr<const Situations>& shared() const { return s_; }
  friend bool operator==(const SituationsRef& a, const SituationsRef& b);
  friend bool operator!=(const SituationsRef& a, const SituationsRef& b) { return !(a == b); }

 private:
  std::shared_ptr<const Situations> s_;
};

const char* to_string(QuestionType v);  // "yes_no", "choice", "choices", "number", "date"
const char* to_string(Refusal v);       // "not_granted", "elsewhere"

}  // namespace onetrip

#endif  // ONETRIP_SITUATION_HPP_
