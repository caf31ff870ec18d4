// The synthetic catalogue generator: valid, deterministic for a seed,
// different for another, the asked sizes, and evaluable.
#include "onetrip/generate.hpp"

#include "gtest/gtest.h"
#include "onetrip/evaluate.hpp"

namespace onetrip {
namespace {

TEST(Generate, DeterministicValidAndSized) {
  GeneratorOptions options;
  options.matters = 2000;
  options.seed = 11;
  auto a = generate_catalog(options);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->matters().size(), 2000u);
  EXPECT_EQ(a->bundles().size(), 40u);
  EXPECT_EQ(a->bundles()[0].members.size(), 10u);
  auto b = generate_catalog(options);
  EXPECT_EQ(a->save_json(), b->save_json());
  options.seed = 12;
  EXPECT_NE(generate_catalog(options)->save_json(), a->save_json());
  // It round-trips through JSON like any catalogue, and every matter evaluates.
  auto reloaded = Catalog::load_json(a->save_json());
  ASSERT_TRUE(reloaded.ok()) << reloaded.status();
  EXPECT_TRUE(*reloaded == *a);
  auto e = evaluate_catalog(*a, Calendar::china());
  ASSERT_TRUE(e.ok());
  int zero = 0;
  for (int32_t t : e->matter_trips) zero += t == 0;
  EXPECT_GT(zero, 100);  // a realistic mix, not all one value
  EXPECT_LT(zero, 1900);
}

TEST(Generate, RefusesSizesOutOfRange) {
  GeneratorOptions options;
  options.matters = 0;
  EXPECT_EQ(generate_catalog(options).status().code(), absl::StatusCode::kInvalidArgument);
  options.matters = 10;
  options.departments = 0;
  EXPECT_FALSE(generate_catalog(options).ok());
}

}  // namespace
}  // namespace onetrip
