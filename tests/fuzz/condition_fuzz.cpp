// The condition parser (docs/catalog-format.md, "Conditions") on arbitrary
// text, against a scope with a question of every type, and everything behind
// it: compiling never crashes and a refusal says where; what compiles
// evaluates in three values consistently (an answer given never turns a
// decided result around, Kleene's logic being monotone); what reach() calls
// impossible never holds on the answers it tells apart; and the same condition
// as an eligibility rule in a catalogue loads exactly when it compiles and
// neither never nor always holds, then gives a notice. The dictionary is
// condition.dict.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "condition.hpp"
#include "nlohmann/json.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/notice.hpp"

namespace {

void fail(const char* what) {
  std::fprintf(stderr, "%s\n", what);
  std::abort();
}

std::vector<onetrip::Question> scope() {
  using onetrip::QuestionType;
  return {
      {"sells", "是否经营食品？", QuestionType::kYesNo, {}, ""},
      {"business", "哪一类？", QuestionType::kChoice, {"小餐饮店", "小食杂店", "小作坊"}, ""},
      {"foods", "哪些食品？", QuestionType::kChoices, {"自酿酒", "罐头", "果冻"}, ""},
      {"area", "面积", QuestionType::kNumber, {}, "平方米"},
      {"opened", "开业日期", QuestionType::kDate, {}, ""},
  };
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::vector<onetrip::Question> questions = scope();
  auto code = onetrip::internal::compile_condition(text, questions);
  if (!code.ok()) {
    if (code.status().message().empty()) fail("a refusal without a reason");
    return 0;
  }
  if (code->nodes.empty()) fail("a condition compiled to nothing");
  using onetrip::internal::AnswerSlot;
  using onetrip::internal::Tri;
  // Every combination of the answers the condition tells apart, some unknown.
  const onetrip::internal::ConditionCode* codes[] = {&*code};
  std::vector<std::vector<AnswerSlot>> values;
  size_t cases = 1;
  for (uint16_t q = 0; q < questions.size(); ++q) {
    values.push_back(onetrip::internal::representatives(codes, questions[q], q));
    values.back().push_back(AnswerSlot{});  // unanswered
    cases *= values.back().size();
    if (cases > 4096) return 0;
  }
  const std::vector<AnswerSlot> unknown(questions.size());
  const Tri open = onetrip::internal::evaluate(*code, unknown);
  const onetrip::internal::Reach reach = onetrip::internal::reach(*code, questions);
  for (size_t c = 0; c < cases; ++c) {
    std::vector<AnswerSlot> answers(questions.size());
    size_t rest = c;
    bool complete = true;
    for (size_t q = 0; q < questions.size(); ++q) {
      answers[q] = values[q][rest % values[q].size()];
      complete = complete && answers[q].known;
      rest /= values[q].size();
    }
    const Tri t = onetrip::internal::evaluate(*code, answers);
    if (open != Tri::kUnknown && t != open) fail("a decided result turned around by an answer");
    if (complete && t == Tri::kUnknown) fail("unknown with every question answered");
    if (reach.decided && complete && ((t == Tri::kTrue && !reach.can_hold) || (t == Tri::kFalse && !reach.can_fail))) {
      fail("reach() contradicted by an answer");
    }
  }
  // The same condition in a catalogue: loads exactly when it can both hold and fail.
  nlohmann::json q = nlohmann::json::array();
  for (const onetrip::Question& x : questions) {
    nlohmann::json one = {{"id", x.id}, {"text", x.text}, {"type", onetrip::to_string(x.type)}};
    if (!x.choices.empty()) one["choices"] = x.choices;
    if (!x.unit.empty()) one["unit"] = x.unit;
    q.push_back(one);
  }
  const nlohmann::json doc = {{"schema", "onetrip/1"},
                              {"halls", {{{"id", "h"}, {"name", "厅"}}}},
                              {"departments", {{{"id", "d"}, {"name", "窗口"}, {"halls", {"h"}}}}},
                              {"matters",
                               {{{"code", "M"},
                                 {"name", "事项"},
                                 {"department", "d"},
                                 {"kind", "行政许可"},
                                 {"project_type", "immediate"},
                                 {"questions", q},
                                 {"eligibility", {{{"when", text}, {"reason", "不予办理"}}}}}}}};
  const std::string json = doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::vector<onetrip::Problem> problems;
  auto catalog = onetrip::Catalog::load_json(json, &problems);
  const bool valid_utf8 =
      json.find("\xEF\xBF\xBD") == std::string::npos || text.find("\xEF\xBF\xBD") != std::string::npos;
  if (!valid_utf8) return 0;  // the text was not UTF-8: the document holds a replacement, another condition
  const bool loads = !reach.decided || (reach.can_hold && reach.can_fail);
  if (catalog.ok() != loads && text.find('\0') == std::string::npos) fail("the loader and the parser disagree");
  if (!catalog.ok()) {
    if (problems.empty()) fail("a failed load without a problem");
    return 0;
  }
  auto n = onetrip::notice(*catalog, "M", std::vector<onetrip::Answer>{});
  if (!n.ok()) fail("a notice without answers failed");
  if ((open == Tri::kTrue) != (n->eligibility == onetrip::Eligibility::kNotEligible))
    fail("notice and condition disagree");
  return 0;
}
