// Situations: their checks at load (every problem at its JSON path) and their
// compilation, once, when a catalogue is built.
#include "situation_internal.hpp"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bounds.hpp"
#include "condition.hpp"

namespace onetrip {

ONETRIP_ENUM_NAMES(QuestionType, {"yes_no", QuestionType::kYesNo}, {"choice", QuestionType::kChoice},
                   {"choices", QuestionType::kChoices}, {"number", QuestionType::kNumber},
                   {"date", QuestionType::kDate})
ONETRIP_ENUM_NAMES(Refusal, {"not_granted", Refusal::kNotGranted}, {"elsewhere", Refusal::kElsewhere})

const char* to_string(QuestionType v) { return internal::name_of(v); }
const char* to_string(Refusal v) { return internal::name_of(v); }

bool operator==(const SituationsRef& a, const SituationsRef& b) {
  if (a.get() == b.get()) return true;
  if (!a || !b) return false;
  return a->fields() == b->fields();
}

namespace internal {

namespace {

void check_questions(absl::Span<const Question> questions, const std::string& path, Problems& problems) {
  if (questions.size() > kMaxQuestions) {
    problems.add(path, absl::StrFormat("%d questions, over the largest allowed, %d", questions.size(), kMaxQuestions));
  }
  absl::flat_hash_set<std::string> ids;
  for (size_t i = 0; i < questions.size(); ++i) {
    const Question& q = questions[i];
    const std::string at = json_path(path, i);
    if (!valid_question_id(q.id)) {
      problems.add(json_path(at, "id"),
                   absl::StrFormat("%s is not a question id: letters, digits and _, not starting with a digit, and "
                                   "not a word of the condition language (and, or, not, in, has, true, false)",
                                   quote_text(q.id)));
    } else if (!ids.insert(q.id).second) {
      problems.add(json_path(at, "id"), absl::StrFormat("question %s is asked twice", quote_text(q.id)));
    }
    if (q.text.empty()) problems.add(json_path(at, "text"), "an empty question");
    const bool choosing = q.type == QuestionType::kChoice || q.type == QuestionType::kChoices;
    if (choosing && q.choices.empty()) {
      problems.add(json_path(at, "choices"), absl::StrFormat("a %s question needs its choices", to_string(q.type)));
    }
    if (!choosing && !q.choices.empty()) {
      problems.add(json_path(at, "choices"), absl::StrFormat("a %s question has no choices", to_string(q.type)));
    }
    if (q.choices.size() > kMaxChoices) {
      problems.add(json_path(at, "choices"),
                   absl::StrFormat("%d choices, over the largest allowed, %d", q.choices.size(), kMaxChoices));
    }
    absl::flat_hash_set<std::string> seen;
    for (size_t c = 0; c < q.choices.size(); ++c) {
      if (q.choices[c].empty()) problems.add(json_path(json_path(at, "choices"), c), "an empty choice");
      if (!seen.insert(q.choices[c]).second) {
        problems.add(json_path(json_path(at, "choices"), c),
                     absl::StrFormat("choice %s is listed twice", quote_text(q.choices[c])));
      }
    }
    if (!q.unit.empty() && q.type != QuestionType::kNumber) {
      problems.add(json_path(at, "unit"), "only a number question has a unit");
    }
  }
}

// Compiles one condition, reporting a problem at `at`; null on failure.
std::optional<ConditionCode> check_condition(const Condition& c, absl::Span<const Question> scope,
                                             const std::string& at, Problems& problems) {
  auto code = compile_condition(c.text, scope);
  if (!code.ok()) {
    problems.add(at, absl::StrFormat("%s: %s", quote_text(c.text), code.status().message()));
    return std::nullopt;
  }
  return *std::move(code);
}

// A condition that can never hold is a contradiction the loader sees.
void check_can_hold(const ConditionCode& code, absl::Span<const Question> scope, const Condition& c,
                    const std::string& at, Problems& problems) {
  const Reach r = reach(code, scope);
  if (r.decided && !r.can_hold) {
    problems.add(at, absl::StrFormat("%s can never hold: no answers satisfy it", quote_text(c.text)));
  }
}

void check_eligibility(absl::Span<const EligibilityRule> rules, absl::Span<const Question> scope,
                       const std::string& path, const std::function<bool(std::string_view)>* matter_exists,
                       Problems& problems) {
  for (size_t i = 0; i < rules.size(); ++i) {
    const EligibilityRule& rule = rules[i];
    const std::string at = json_path(path, i);
    if (rule.reason.empty()) problems.add(json_path(at, "reason"), "an eligibility rule needs the reason to tell");
    if (!rule.instead.empty()) {
      if (rule.refusal != Refusal::kElsewhere) {
        problems.add(json_path(at, "instead"), "\"instead\" names another route: give it with refusal \"elsewhere\"");
      } else if (matter_exists && !(*matter_exists)(rule.instead)) {
        problems.add(json_path(at, "instead"), absl::StrFormat("unknown matter %s", quote_text(rule.instead)));
      }
    }
    const auto code = check_condition(rule.when, scope, json_path(at, "when"), problems);
    if (!code) continue;
    const Reach r = reach(*code, scope);
    if (r.decided && !r.can_hold) {
      problems.add(json_path(at, "when"),
                   absl::StrFormat("%s can never hold: the rule refuses no one", quote_text(rule.when.text)));
    } else if (r.decided && !r.can_fail) {
      problems.add(json_path(at, "when"),
                   absl::StrFormat("%s always holds: the rule refuses every applicant", quote_text(rule.when.text)));
    }
  }
}

void check_variants(const Matter& m, absl::Span<const Question> scope, const std::string& path, Problems& problems) {
  const auto& variants = m.situations->variants;
  for (size_t i = 0; i < variants.size(); ++i) {
    const Variant& v = variants[i];
    const std::string at = json_path(path, i);
    if (const auto code = check_condition(v.when, scope, json_path(at, "when"), problems)) {
      check_can_hold(*code, scope, v.when, json_path(at, "when"), problems);
    }
    if (const char* why = v.fee_fen ? internal::fee_problem(*v.fee_fen) : nullptr) {
      problems.add(json_path(at, "fee"), why);
    }
    if (v.promise_day) {
      if (m.project_type == ProjectType::kImmediate && *v.promise_day > 0) {
        problems.add(json_path(at, "promise_day"), "an immediate matter (即办件) promises no days");
      } else if (m.project_type == ProjectType::kPromised && *v.promise_day <= 0) {
        problems.add(json_path(at, "promise_day"), "a promised matter (承诺件) needs a promised limit above 0");
      } else if (*v.promise_day > kMaxDays) {
        problems.add(json_path(at, "promise_day"),
                     absl::StrFormat("%d is over the largest limit, %d", *v.promise_day, kMaxDays));
      } else if (m.legal_limit && m.legal_limit->value > 0 &&
                 m.legal_limit->unit == v.promise_type.value_or(m.promised_limit.unit) &&
                 *v.promise_day > m.legal_limit->value) {
        problems.add(json_path(at, "promise_day"),
                     absl::StrFormat("the promised limit (%d) is over the legal limit (%d)", *v.promise_day,
                                     m.legal_limit->value));
      }
    }
  }
}

}  // namespace

std::vector<Question> bundle_scope(const Bundle& bundle, const std::function<const Matter*(MatterIndex)>& matter) {
  std::vector<Question> out;
  const auto add = [&](const Question& q) {
    if (std::none_of(out.begin(), out.end(), [&](const Question& o) { return o.id == q.id; })) out.push_back(q);
  };
  if (bundle.situations) {
    for (const Question& q : bundle.situations->questions) add(q);
  }
  for (MatterIndex mi : bundle.members) {
    const Matter* m = matter(mi);
    if (m && m->situations) {
      for (const Question& q : m->situations->questions) add(q);
    }
  }
  return out;
}

void check_matter_situations(const Matter& m, const std::string& path,
                             const std::function<bool(std::string_view)>& matter_exists, Problems& problems) {
  if (!m.situations) return;
  const Situations& s = *m.situations;
  if (!s.members.empty()) problems.add(path, "a matter has no members to select (member conditions are a bundle's)");
  check_questions(s.questions, json_path(path, "questions"), problems);
  if (s.questions.size() > kMaxQuestions) return;
  const absl::Span<const Question> scope = s.questions;
  check_eligibility(s.eligibility, scope, json_path(path, "eligibility"), &matter_exists, problems);
  std::vector<bool> seen(m.materials.size(), false);
  for (const MaterialRule& rule : s.materials) {
    if (rule.use >= m.materials.size()) {
      problems.add(json_path(path, "materials"), absl::StrFormat("a material condition for position %d, which the "
                                                                 "matter does not have",
                                                                 rule.use));
      continue;
    }
    const std::string at = json_path(json_path(path, "materials"), rule.use);
    if (seen[rule.use]) problems.add(at, "two conditions for one material");
    seen[rule.use] = true;
    if (rule.copies < 0 || rule.copies > 1000) {
      problems.add(json_path(at, "copies"), absl::StrFormat("%d copies: 1 to 1000", rule.copies));
    }
    if (rule.when.text.empty()) continue;
    if (const auto code = check_condition(rule.when, scope, json_path(at, "when"), problems)) {
      check_can_hold(*code, scope, rule.when, json_path(at, "when"), problems);
    }
  }
  check_variants(m, scope, json_path(path, "variants"), problems);
}

void check_bundle_situations(const Bundle& b, const std::string& path,
                             const std::function<const Matter*(MatterIndex)>& matter, Problems& problems) {
  // A question several members (or the bundle) ask must be the same question.
  std::vector<std::pair<const Question*, std::string>> asked;
  const auto compare = [&](const Question& q, const std::string& where) {
    for (const auto& [other, other_where] : asked) {
      if (other->id != q.id) continue;
      if (other->type != q.type || other->choices != q.choices || other->unit != q.unit) {
        problems.add(path, absl::StrFormat("question %s is asked differently by %s and %s: one question, one set of "
                                           "answers",
                                           quote_text(q.id), other_where, where));
      }
      return;
    }
    asked.emplace_back(&q, where);
  };
  if (b.situations) {
    for (const Question& q : b.situations->questions) compare(q, "the bundle");
  }
  for (MatterIndex mi : b.members) {
    const Matter* m = matter(mi);
    if (!m || !m->situations) continue;
    for (const Question& q : m->situations->questions) compare(q, absl::StrCat("matter ", quote_text(m->code)));
  }
  if (!b.situations) return;
  const Situations& s = *b.situations;
  if (!s.materials.empty() || !s.variants.empty()) {
    problems.add(path, "a bundle's materials and channels are its members': give their conditions on the matters");
  }
  check_questions(s.questions, json_path(path, "questions"), problems);
  const std::vector<Question> scope = bundle_scope(b, matter);
  if (scope.size() > kMaxQuestions) {
    problems.add(json_path(path, "questions"),
                 absl::StrFormat("the bundle and its members ask %d questions, over the largest allowed, %d",
                                 scope.size(), kMaxQuestions));
    return;
  }
  check_eligibility(s.eligibility, scope, json_path(path, "eligibility"), nullptr, problems);
  std::vector<bool> seen(b.members.size(), false);
  for (const MemberRule& rule : s.members) {
    if (rule.member >= b.members.size()) {
      problems.add(json_path(path, "members"),
                   absl::StrFormat("a member condition for position %d, which the bundle does not have", rule.member));
      continue;
    }
    const std::string at = json_path(json_path(json_path(path, "members"), rule.member), "when");
    if (seen[rule.member]) problems.add(at, "two conditions for one member");
    seen[rule.member] = true;
    if (const auto code = check_condition(rule.when, scope, at, problems)) {
      check_can_hold(*code, scope, rule.when, at, problems);
    }
  }
}

SituationsRef compiled(const SituationsRef& ref, absl::Span<const Question> scope) {
  if (!ref) return ref;
  auto s = std::make_shared<Situations>(*ref);
  const auto compile = [&](Condition& c) {
    if (c.text.empty()) {
      c.code = nullptr;
      return;
    }
    auto code = compile_condition(c.text, scope);
    // The checks passed: a failure here is a condition that changed since.
    c.code = code.ok() ? std::make_shared<const ConditionCode>(*std::move(code)) : nullptr;
  };
  for (EligibilityRule& r : s->eligibility) compile(r.when);
  for (MaterialRule& r : s->materials) compile(r.when);
  for (Variant& v : s->variants) compile(v.when);
  for (MemberRule& r : s->members) compile(r.when);
  return SituationsRef(std::move(s));
}

}  // namespace internal

}  // namespace onetrip
