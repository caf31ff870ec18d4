// Internal to situations: conditions over answers, parsed once into a flat
// compiled form that evaluates without strings, in three values (an answer
// not given is unknown), and the answers as the compiled form reads them.
// The grammar is in docs/catalog-format.md ("Conditions").
#ifndef ONETRIP_LIB_CONDITION_HPP_
#define ONETRIP_LIB_CONDITION_HPP_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "onetrip/situation.hpp"

namespace onetrip::internal {

// At most this many questions in one scope (a matter's, or a bundle's with its
// members'): a condition's questions are a 64-bit mask.
inline constexpr size_t kMaxQuestions = 64;
// At most this many choices per question: a set of choices is a 64-bit mask.
inline constexpr size_t kMaxChoices = 64;
// A condition's text is at most this long, and nests at most this deep.
inline constexpr size_t kMaxConditionBytes = 4096;
inline constexpr int kMaxConditionDepth = 32;

enum class Tri : uint8_t { kFalse, kTrue, kUnknown };

// One question's answer as conditions read it: a yes/no, a number or a date
// (as its day number) in `number`; a choice or choices as a mask in `bits`.
struct AnswerSlot {
  bool known = false;
  double number = 0;
  uint64_t bits = 0;
};

enum class Cmp : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe };

struct ConditionNode {
  enum Op : uint8_t {
    kAnd,     // a and b
    kOr,      // a or b
    kNot,     // not a
    kYes,     // question is answered yes
    kNumber,  // question (a number or a date) cmp number
    kOneOf,   // question (a choice) is one of bits
    kHasAny,  // question (choices) includes one of bits
  };
  Op op = kYes;
  Cmp cmp = Cmp::kEq;
  uint16_t question = 0;  // position in the scope
  uint32_t a = 0, b = 0;  // children (node positions)
  double number = 0;
  uint64_t bits = 0;
};

struct ConditionCode {
  std::vector<ConditionNode> nodes;  // the root is the last
  uint64_t questions = 0;            // mask of the questions it reads
};

// Parses `text` against the questions in scope. The error names the column
// and what was expected, or the question and the allowed values.
absl::StatusOr<ConditionCode> compile_condition(std::string_view text, absl::Span<const Question> scope);

Tri evaluate(const ConditionCode& code, absl::Span<const AnswerSlot> answers);

// Whether the conditions can hold (or fail) under some answers: each question's
// answers tried at the values the conditions tell apart. Unknown when that is
// more than `max_cases` combinations.
struct Reach {
  bool can_hold = true;
  bool can_fail = true;
  bool decided = true;  // false: too many combinations to try
};
Reach reach(const ConditionCode& code, absl::Span<const Question> scope, size_t max_cases = 1 << 14);

// The representative answers of question `q` for the conditions given: one
// per class of answers they treat alike (the enumeration of situations). A
// choices question whose tests tell more than kMaxChoiceGroups groups of
// choices apart has too many subsets to try: then none, each group alone and
// all of them are given, and *complete (when given) is set false.
inline constexpr size_t kMaxChoiceGroups = 12;  // 4,096 subsets at most
std::vector<AnswerSlot> representatives(absl::Span<const ConditionCode* const> codes, const Question& question,
                                        uint16_t q, bool* complete = nullptr);

// Parses a text answer for a question (yes/no: yes, no, true, false, 是, 否;
// choices: comma-separated; a number; a date YYYY-MM-DD).
absl::StatusOr<AnswerSlot> parse_answer_text(const Question& question, std::string_view text);

// The allowed answers of a question, for messages.
std::string allowed_answers(const Question& question);

// A question id's shape: [A-Za-z_][A-Za-z0-9_]*.
bool valid_question_id(std::string_view id);

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_CONDITION_HPP_
