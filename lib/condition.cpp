// Conditions over answers: the parser (recursive descent over a token list,
// typed against the questions in scope), three-valued evaluation, and the
// enumeration of the answers a set of conditions tells apart.
#include "condition.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "onetrip/date.hpp"
#include "text_support.hpp"

namespace onetrip::internal {

namespace {

struct Token {
  enum Kind { kIdent, kNumber, kString, kPunct, kEnd } kind = kEnd;
  std::string text;  // the identifier, the string's contents, the punctuation
  double number = 0;
  size_t column = 0;  // 1-based byte column
};

absl::Status error_at(size_t column, std::string_view message) {
  return absl::InvalidArgumentError(absl::StrFormat("at column %d: %s", column, message));
}

bool ident_start(char c) { return absl::ascii_isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool ident_char(char c) { return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The column of byte i, in characters (UTF-8 continuation bytes not counted).
size_t char_column(std::string_view text, size_t i) {
  size_t column = 1;
  for (size_t k = 0; k < i && k < text.size(); ++k) column += (static_cast<unsigned char>(text[k]) & 0xC0) != 0x80;
  return column;
}

const char* type_words(QuestionType t) {
  switch (t) {
    case QuestionType::kYesNo:
      return "yes/no";
    case QuestionType::kChoice:
      return "single-choice";
    case QuestionType::kChoices:
      return "multiple-choice";
    case QuestionType::kNumber:
      return "number";
    case QuestionType::kDate:
      return "date";
  }
  return "";
}

absl::StatusOr<std::vector<Token>> tokenize(std::string_view text) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const size_t column = char_column(text, i);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    if (ident_start(c)) {
      size_t j = i;
      while (j < text.size() && ident_char(text[j])) ++j;
      out.push_back({Token::kIdent, std::string(text.substr(i, j - i)), 0, column});
      i = j;
      continue;
    }
    if (absl::ascii_isdigit(static_cast<unsigned char>(c)) ||
        (c == '-' && i + 1 < text.size() && absl::ascii_isdigit(static_cast<unsigned char>(text[i + 1])))) {
      size_t j = i + 1;
      while (j < text.size() && (absl::ascii_isdigit(static_cast<unsigned char>(text[j])) || text[j] == '.')) ++j;
      const std::string_view digits = text.substr(i, j - i);
      double value = 0;
      if (!absl::SimpleAtod(std::string(digits), &value) || !std::isfinite(value) ||
          std::count(digits.begin(), digits.end(), '.') > 1) {
        return error_at(column, absl::StrCat(quote_text(digits), " is not a number"));
      }
      out.push_back({Token::kNumber, std::string(digits), value, column});
      i = j;
      continue;
    }
    if (c == '"') {
      const size_t close = text.find('"', i + 1);
      if (close == text.npos) return error_at(column, "a string that is not closed with \"");
      out.push_back({Token::kString, std::string(text.substr(i + 1, close - i - 1)), 0, column});
      i = close + 1;
      continue;
    }
    if ((c == '=' || c == '!' || c == '<' || c == '>') && i + 1 < text.size() && text[i + 1] == '=') {
      out.push_back({Token::kPunct, std::string(text.substr(i, 2)), 0, column});
      i += 2;
      continue;
    }
    if (c == '<' || c == '>' || c == '(' || c == ')' || c == '[' || c == ']' || c == ',') {
      out.push_back({Token::kPunct, std::string(1, c), 0, column});
      ++i;
      continue;
    }
    if (c == '=') return error_at(column, "write == to compare");
    return error_at(column, absl::StrCat("unexpected ", quote_text(text.substr(i, 1))));
  }
  out.push_back({Token::kEnd, "", 0, char_column(text, text.size())});
  return out;
}

bool is_keyword(std::string_view s) {
  return s == "and" || s == "or" || s == "not" || s == "in" || s == "has" || s == "true" || s == "false";
}

class Parser {
 public:
  Parser(std::vector<Token> tokens, absl::Span<const Question> scope) : tokens_(std::move(tokens)), scope_(scope) {}

  absl::StatusOr<ConditionCode> run() {
    auto root = expr(0);
    if (!root.ok()) return root.status();
    if (peek().kind != Token::kEnd) {
      return error_at(peek().column, absl::StrCat("expected and, or or the end, found ", describe(peek())));
    }
    return std::move(code_);
  }

 private:
  const Token& peek() const { return tokens_[at_]; }
  const Token& next() { return tokens_[at_ < tokens_.size() - 1 ? at_++ : at_]; }
  bool word(std::string_view w) const { return peek().kind == Token::kIdent && peek().text == w; }
  bool punct(std::string_view p) const { return peek().kind == Token::kPunct && peek().text == p; }
  static std::string describe(const Token& t) {
    switch (t.kind) {
      case Token::kEnd:
        return "the end";
      case Token::kString:
        return absl::StrCat("the string ", quote_text(t.text));
      default:
        return quote_text(t.text);
    }
  }

  uint32_t add(ConditionNode node) {
    code_.nodes.push_back(node);
    return static_cast<uint32_t>(code_.nodes.size() - 1);
  }

  absl::StatusOr<uint32_t> expr(int depth) {
    if (depth > kMaxConditionDepth) return error_at(peek().column, "nested too deeply");
    auto left = conjunction(depth);
    if (!left.ok()) return left;
    while (word("or")) {
      next();
      auto right = conjunction(depth);
      if (!right.ok()) return right;
      ConditionNode n;
      n.op = ConditionNode::kOr;
      n.a = *left;
      n.b = *right;
      left = add(n);
    }
    return left;
  }

  absl::StatusOr<uint32_t> conjunction(int depth) {
    auto left = unary(depth);
    if (!left.ok()) return left;
    while (word("and")) {
      next();
      auto right = unary(depth);
      if (!right.ok()) return right;
      ConditionNode n;
      n.op = ConditionNode::kAnd;
      n.a = *left;
      n.b = *right;
      left = add(n);
    }
    return left;
  }

  absl::StatusOr<uint32_t> unary(int depth) {
    if (depth > kMaxConditionDepth) return error_at(peek().column, "nested too deeply");
    if (word("not")) {
      next();
      auto inner = unary(depth + 1);
      if (!inner.ok()) return inner;
      return negate(*inner);
    }
    if (punct("(")) {
      next();
      auto inner = expr(depth + 1);
      if (!inner.ok()) return inner;
      if (!punct(")")) return error_at(peek().column, absl::StrCat("expected ), found ", describe(peek())));
      next();
      return inner;
    }
    return comparison();
  }

  uint32_t negate(uint32_t inner) {
    ConditionNode n;
    n.op = ConditionNode::kNot;
    n.a = inner;
    return add(n);
  }

  absl::StatusOr<uint32_t> comparison() {
    const Token& t = next();
    if (t.kind != Token::kIdent || is_keyword(t.text)) {
      return error_at(t.column, absl::StrCat("expected a question, found ", describe(t)));
    }
    const auto found = std::find_if(scope_.begin(), scope_.end(), [&](const Question& q) { return q.id == t.text; });
    if (found == scope_.end()) {
      std::vector<std::string> ids;
      for (const Question& q : scope_) ids.push_back(q.id);
      return error_at(t.column, absl::StrFormat("unknown question %s (asked here: %s)", quote_text(t.text),
                                                ids.empty() ? "none" : absl::StrJoin(ids, ", ")));
    }
    const Question& q = *found;
    ConditionNode n;
    n.question = static_cast<uint16_t>(found - scope_.begin());
    code_.questions |= uint64_t{1} << n.question;
    const std::string name = quote_text(q.id);
    const auto wrong = [&](const Token& at, std::string_view what) {
      return error_at(at.column, absl::StrFormat("%s is a %s question: %s", name, type_words(q.type), what));
    };
    // A yes/no question alone.
    const bool compared = (peek().kind == Token::kPunct &&
                           (punct("==") || punct("!=") || punct("<") || punct("<=") || punct(">") || punct(">="))) ||
                          word("in") || word("has");
    if (!compared) {
      if (q.type != QuestionType::kYesNo) {
        return wrong(peek(), "compare it (==, !=, <, >, in, has) rather than use it alone");
      }
      n.op = ConditionNode::kYes;
      return add(n);
    }
    const Token& op = next();
    if (op.kind == Token::kIdent && (op.text == "in" || op.text == "has")) {
      const bool has = op.text == "has";
      if (has && q.type != QuestionType::kChoices) return wrong(op, "\"has\" is for a question of several choices");
      if (!has && q.type != QuestionType::kChoice) {
        return wrong(op, q.type == QuestionType::kChoices ? "write has [...] for several choices"
                                                          : "\"in\" is for a question of one choice");
      }
      auto bits = has && peek().kind == Token::kString ? choice_bits(q, next()) : choice_list(q);
      if (!bits.ok()) return bits.status();
      n.op = has ? ConditionNode::kHasAny : ConditionNode::kOneOf;
      n.bits = *bits;
      return add(n);
    }
    if (op.kind != Token::kPunct)
      return error_at(op.column, absl::StrCat("expected a comparison, found ", describe(op)));
    const std::string& o = op.text;
    n.cmp = o == "=="   ? Cmp::kEq
            : o == "!=" ? Cmp::kNe
            : o == "<"  ? Cmp::kLt
            : o == "<=" ? Cmp::kLe
            : o == ">"  ? Cmp::kGt
                        : Cmp::kGe;
    const bool ordering = n.cmp != Cmp::kEq && n.cmp != Cmp::kNe;
    const Token& value = next();
    switch (q.type) {
      case QuestionType::kYesNo: {
        if (ordering) return wrong(op, "compare it with == or != true or false, or use it alone");
        if (value.kind != Token::kIdent || (value.text != "true" && value.text != "false")) {
          return wrong(value, absl::StrCat("compare it with true or false, not ", describe(value)));
        }
        n.op = ConditionNode::kYes;
        const uint32_t yes = add(n);
        return (value.text == "true") == (n.cmp == Cmp::kEq) ? yes : negate(yes);
      }
      case QuestionType::kChoice: {
        if (ordering) return wrong(op, "compare it with == or !=, or use in [...]");
        auto bits = choice_bits(q, value);
        if (!bits.ok()) return bits.status();
        n.op = ConditionNode::kOneOf;
        n.bits = *bits;
        const uint32_t one = add(n);
        return n.cmp == Cmp::kEq ? one : negate(one);
      }
      case QuestionType::kChoices:
        return wrong(op, "write has \"…\" or has [...]");
      case QuestionType::kNumber: {
        if (value.kind != Token::kNumber) {
          return wrong(value, absl::StrCat("compare it with a number, not ", describe(value)));
        }
        n.op = ConditionNode::kNumber;
        n.number = value.number;
        return add(n);
      }
      case QuestionType::kDate: {
        if (value.kind != Token::kString) {
          return wrong(value, absl::StrCat("compare it with a date \"YYYY-MM-DD\", not ", describe(value)));
        }
        auto day = parse_date(value.text);
        if (!day.ok()) return error_at(value.column, std::string(day.status().message()));
        n.op = ConditionNode::kNumber;
        n.number = static_cast<double>(to_epoch_day(*day));
        return add(n);
      }
    }
    return error_at(op.column, "unknown question type");
  }

  absl::StatusOr<uint64_t> choice_bits(const Question& q, const Token& value) {
    if (value.kind != Token::kString) {
      return error_at(value.column,
                      absl::StrFormat("expected one of %s (a string), found %s", allowed_answers(q), describe(value)));
    }
    for (size_t i = 0; i < q.choices.size(); ++i) {
      if (q.choices[i] == value.text) return uint64_t{1} << i;
    }
    return error_at(value.column, absl::StrFormat("%s is not a choice of %s: %s", quote_text(value.text),
                                                  quote_text(q.id), allowed_answers(q)));
  }

  absl::StatusOr<uint64_t> choice_list(const Question& q) {
    if (!punct("[")) return error_at(peek().column, absl::StrCat("expected [, found ", describe(peek())));
    next();
    uint64_t bits = 0;
    while (true) {
      auto one = choice_bits(q, next());
      if (!one.ok()) return one.status();
      bits |= *one;
      if (punct(",")) {
        next();
        continue;
      }
      if (punct("]")) {
        next();
        return bits;
      }
      return error_at(peek().column, absl::StrCat("expected , or ], found ", describe(peek())));
    }
  }

  std::vector<Token> tokens_;
  size_t at_ = 0;
  absl::Span<const Question> scope_;
  ConditionCode code_;
};

bool compare(double a, Cmp cmp, double b) {
  switch (cmp) {
    case Cmp::kEq:
      return a == b;
    case Cmp::kNe:
      return a != b;
    case Cmp::kLt:
      return a < b;
    case Cmp::kLe:
      return a <= b;
    case Cmp::kGt:
      return a > b;
    case Cmp::kGe:
      return a >= b;
  }
  return false;
}

Tri eval_node(const ConditionCode& code, uint32_t at, absl::Span<const AnswerSlot> answers) {
  const ConditionNode& n = code.nodes[at];
  switch (n.op) {
    case ConditionNode::kAnd: {
      const Tri a = eval_node(code, n.a, answers);
      if (a == Tri::kFalse) return Tri::kFalse;
      const Tri b = eval_node(code, n.b, answers);
      if (b == Tri::kFalse) return Tri::kFalse;
      return a == Tri::kTrue && b == Tri::kTrue ? Tri::kTrue : Tri::kUnknown;
    }
    case ConditionNode::kOr: {
      const Tri a = eval_node(code, n.a, answers);
      if (a == Tri::kTrue) return Tri::kTrue;
      const Tri b = eval_node(code, n.b, answers);
      if (b == Tri::kTrue) return Tri::kTrue;
      return a == Tri::kFalse && b == Tri::kFalse ? Tri::kFalse : Tri::kUnknown;
    }
    case ConditionNode::kNot: {
      const Tri a = eval_node(code, n.a, answers);
      return a == Tri::kUnknown ? a : a == Tri::kTrue ? Tri::kFalse : Tri::kTrue;
    }
    default:
      break;
  }
  const AnswerSlot& s = answers[n.question];
  if (!s.known) return Tri::kUnknown;
  bool holds = false;
  switch (n.op) {
    case ConditionNode::kYes:
      holds = s.number != 0;
      break;
    case ConditionNode::kNumber:
      holds = compare(s.number, n.cmp, n.number);
      break;
    case ConditionNode::kOneOf:
    case ConditionNode::kHasAny:
      holds = (s.bits & n.bits) != 0;
      break;
    default:
      break;
  }
  return holds ? Tri::kTrue : Tri::kFalse;
}

}  // namespace

bool valid_question_id(std::string_view id) {
  if (id.empty() || !ident_start(id[0]) || is_keyword(id)) return false;
  return std::all_of(id.begin(), id.end(), ident_char);
}

absl::StatusOr<ConditionCode> compile_condition(std::string_view text, absl::Span<const Question> scope) {
  if (text.size() > kMaxConditionBytes) {
    return absl::InvalidArgumentError(
        absl::StrFormat("a condition of %d bytes, over the largest allowed, %d", text.size(), kMaxConditionBytes));
  }
  if (scope.size() > kMaxQuestions) {
    return absl::InvalidArgumentError(absl::StrFormat("more than %d questions", kMaxQuestions));
  }
  auto tokens = tokenize(text);
  if (!tokens.ok()) return tokens.status();
  if (tokens->size() == 1) return absl::InvalidArgumentError("an empty condition");
  return Parser(*std::move(tokens), scope).run();
}

Tri evaluate(const ConditionCode& code, absl::Span<const AnswerSlot> answers) {
  if (code.nodes.empty()) return Tri::kTrue;
  return eval_node(code, static_cast<uint32_t>(code.nodes.size() - 1), answers);
}

std::vector<AnswerSlot> representatives(absl::Span<const ConditionCode* const> codes, const Question& question,
                                        uint16_t q, bool* complete) {
  std::vector<AnswerSlot> out;
  const auto known = [](double number, uint64_t bits) { return AnswerSlot{true, number, bits}; };
  switch (question.type) {
    case QuestionType::kYesNo:
      return {known(0, 0), known(1, 0)};
    case QuestionType::kChoice:
      for (size_t i = 0; i < question.choices.size(); ++i) out.push_back(known(0, uint64_t{1} << i));
      return out;
    case QuestionType::kChoices: {
      // Choices named by the same tests are alike: one stands for each such
      // group (named by no test: left out), and every subset of the groups.
      std::vector<uint64_t> tests;  // the masks the "has" tests name
      for (const ConditionCode* c : codes) {
        for (const ConditionNode& n : c->nodes) {
          if (n.question == q && n.op == ConditionNode::kHasAny) tests.push_back(n.bits);
        }
      }
      std::vector<std::vector<bool>> signatures;
      std::vector<uint64_t> groups;
      for (size_t i = 0; i < question.choices.size(); ++i) {
        const uint64_t bit = uint64_t{1} << i;
        std::vector<bool> signature(tests.size());
        bool named = false;
        for (size_t t = 0; t < tests.size(); ++t) named |= (signature[t] = (tests[t] & bit) != 0);
        if (!named) continue;
        const auto it = std::find(signatures.begin(), signatures.end(), signature);
        if (it == signatures.end()) {
          signatures.push_back(std::move(signature));
          groups.push_back(bit);
        }
      }
      if (groups.size() > kMaxChoiceGroups) {
        // Too many subsets: none, each group alone, all of them (a "has" test
        // of any group can then hold, and its negation fail).
        if (complete) *complete = false;
        uint64_t all = 0;
        out.push_back(known(0, 0));
        for (uint64_t g : groups) {
          out.push_back(known(0, g));
          all |= g;
        }
        out.push_back(known(0, all));
        return out;
      }
      for (uint64_t subset = 0; subset < (uint64_t{1} << groups.size()); ++subset) {
        uint64_t mask = 0;
        for (size_t i = 0; i < groups.size(); ++i) {
          if (subset & (uint64_t{1} << i)) mask |= groups[i];
        }
        out.push_back(known(0, mask));
      }
      return out;
    }
    case QuestionType::kNumber:
    case QuestionType::kDate: {
      std::vector<double> points;
      for (const ConditionCode* c : codes) {
        for (const ConditionNode& n : c->nodes) {
          if (n.question == q && n.op == ConditionNode::kNumber) points.push_back(n.number);
        }
      }
      std::sort(points.begin(), points.end());
      points.erase(std::unique(points.begin(), points.end()), points.end());
      if (points.empty()) return {known(0, 0)};
      // Below, at, between and above the constants: every class of answers.
      const double step = question.type == QuestionType::kDate ? 1 : 0.5;
      out.push_back(known(points.front() - step, 0));
      for (size_t i = 0; i < points.size(); ++i) {
        out.push_back(known(points[i], 0));
        const double after =
            i + 1 < points.size()
                ? (question.type == QuestionType::kDate ? points[i] + 1 : (points[i] + points[i + 1]) / 2)
                : points[i] + step;
        if (i + 1 == points.size() || after < points[i + 1]) out.push_back(known(after, 0));
      }
      return out;
    }
  }
  return out;
}

Reach reach(const ConditionCode& code, absl::Span<const Question> scope, size_t max_cases) {
  Reach out;
  out.can_hold = out.can_fail = false;
  std::vector<uint16_t> asked;
  std::vector<std::vector<AnswerSlot>> values;
  const ConditionCode* codes[] = {&code};
  size_t cases = 1;
  for (uint16_t q = 0; q < scope.size(); ++q) {
    if (!(code.questions & (uint64_t{1} << q))) continue;
    asked.push_back(q);
    bool complete = true;
    values.push_back(representatives(codes, scope[q], q, &complete));
    out.decided = out.decided && complete;  // a subset not tried may decide it
    if (values.back().empty()) values.back().push_back(AnswerSlot{});
    cases *= values.back().size();
    if (cases > max_cases) {
      out.decided = false;
      out.can_hold = out.can_fail = true;
      return out;
    }
  }
  std::vector<AnswerSlot> answers(scope.size());
  std::vector<size_t> at(asked.size(), 0);
  for (size_t c = 0; c < cases; ++c) {
    size_t rest = c;
    for (size_t i = 0; i < asked.size(); ++i) {
      answers[asked[i]] = values[i][rest % values[i].size()];
      rest /= values[i].size();
    }
    const Tri t = evaluate(code, answers);
    out.can_hold = out.can_hold || t == Tri::kTrue;
    out.can_fail = out.can_fail || t == Tri::kFalse;
    if (out.can_hold && out.can_fail) break;
  }
  if (!out.decided) out.can_hold = out.can_fail = true;  // not all tried: it may go either way
  return out;
}

std::string allowed_answers(const Question& q) {
  switch (q.type) {
    case QuestionType::kYesNo:
      return "yes or no";
    case QuestionType::kChoice:
      return absl::StrCat("one of ", absl::StrJoin(q.choices, ", ", [](std::string* out, const std::string& c) {
                            absl::StrAppend(out, "\"", c, "\"");
                          }));
    case QuestionType::kChoices:
      return absl::StrCat("any of ", absl::StrJoin(q.choices, ", ", [](std::string* out, const std::string& c) {
                            absl::StrAppend(out, "\"", c, "\"");
                          }));
    case QuestionType::kNumber:
      return q.unit.empty() ? std::string("a number") : absl::StrCat("a number (", q.unit, ")");
    case QuestionType::kDate:
      return "a date YYYY-MM-DD";
  }
  return "";
}

absl::StatusOr<AnswerSlot> parse_answer_text(const Question& q, std::string_view raw) {
  const std::string text(absl::StripAsciiWhitespace(absl::string_view(raw.data(), raw.size())));
  const auto refuse = [&] {
    return absl::InvalidArgumentError(absl::StrFormat("question %s (%s): %s is not an allowed answer: %s",
                                                      quote_text(q.id), q.text, quote_text(text), allowed_answers(q)));
  };
  AnswerSlot s;
  s.known = true;
  switch (q.type) {
    case QuestionType::kYesNo: {
      const std::string lower = absl::AsciiStrToLower(text);
      if (lower == "yes" || lower == "true" || lower == "y" || text == "是") {
        s.number = 1;
      } else if (lower == "no" || lower == "false" || lower == "n" || text == "否") {
        s.number = 0;
      } else {
        return refuse();
      }
      return s;
    }
    case QuestionType::kChoice:
    case QuestionType::kChoices: {
      std::vector<std::string> parts;
      if (q.type == QuestionType::kChoice) {
        parts.push_back(text);
      } else if (!text.empty()) {
        parts = absl::StrSplit(text, ',');
      }
      for (std::string& part : parts) {
        part = std::string(absl::StripAsciiWhitespace(part));
        const auto it = std::find(q.choices.begin(), q.choices.end(), part);
        if (it == q.choices.end()) {
          return absl::InvalidArgumentError(absl::StrFormat("question %s (%s): %s is not an allowed answer: %s",
                                                            quote_text(q.id), q.text, quote_text(part),
                                                            allowed_answers(q)));
        }
        s.bits |= uint64_t{1} << (it - q.choices.begin());
      }
      return s;
    }
    case QuestionType::kNumber: {
      double v = 0;
      if (!absl::SimpleAtod(text, &v) || !std::isfinite(v)) return refuse();
      s.number = v;
      return s;
    }
    case QuestionType::kDate: {
      auto day = parse_date(text);
      if (!day.ok()) {
        return absl::InvalidArgumentError(
            absl::StrFormat("question %s (%s): %s", quote_text(q.id), q.text, day.status().message()));
      }
      s.number = static_cast<double>(to_epoch_day(*day));
      return s;
    }
  }
  return refuse();
}

}  // namespace onetrip::internal
