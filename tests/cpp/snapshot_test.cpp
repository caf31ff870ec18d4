// The binary snapshot (lib/snapshot.cpp): a catalogue loaded from its snapshot
// is the catalogue saved (same canonical JSON, same snapshot bytes, same
// evaluation, same lookups and graphs) for the Yuyao example, the test
// catalogues and a generated one; a damaged, truncated, foreign or hostile
// snapshot is refused with a message naming what, and no byte of a snapshot,
// whatever its value, makes the reader crash.
#include <unistd.h>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "catalog_internal.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "onetrip/calendar.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/evaluate.hpp"
#include "onetrip/generate.hpp"
#include "onetrip/notice.hpp"
#include "onetrip/reform.hpp"
#include "onetrip/schedule.hpp"
#include "onetrip/version.hpp"
#include "snapshot_internal.hpp"

namespace onetrip {
namespace {

using ::testing::HasSubstr;

std::string source(const std::string& relative) { return std::string(ONETRIP_SOURCE_DIR) + "/" + relative; }

void expect_same_evaluation(const Catalog& a, const Catalog& b) {
  EvaluationOptions options;
  options.start = Date(2017, 7, 3);
  auto x = evaluate_catalog(a, Calendar::china(), options);
  auto y = evaluate_catalog(b, Calendar::china(), options);
  ASSERT_TRUE(x.ok()) << x.status();
  ASSERT_TRUE(y.ok()) << y.status();
  EXPECT_EQ(x->matter_trips, y->matter_trips);
  EXPECT_EQ(x->matter_worst_case, y->matter_worst_case);
  EXPECT_EQ(x->matter_window_contacts, y->matter_window_contacts);
  EXPECT_EQ(x->matter_because, y->matter_because);
  EXPECT_EQ(x->matter_workdays, y->matter_workdays);
  EXPECT_EQ(x->matter_due, y->matter_due);
  EXPECT_EQ(x->bundle_trips, y->bundle_trips);
  EXPECT_EQ(x->bundle_worst_case, y->bundle_worst_case);
  EXPECT_EQ(x->bundle_workdays, y->bundle_workdays);
  EXPECT_EQ(x->bundle_counted_workdays, y->bundle_counted_workdays);
  EXPECT_EQ(x->bundle_due, y->bundle_due);
  EXPECT_EQ(x->bundle_over_joint_limit, y->bundle_over_joint_limit);
  EXPECT_TRUE(x->matter_situations == y->matter_situations);
  EXPECT_TRUE(x->bundle_situations == y->bundle_situations);
}

void expect_round_trip(const Catalog& original) {
  const std::string bytes = original.save_snapshot();
  ASSERT_TRUE(Catalog::is_snapshot(bytes));
  auto loaded = Catalog::load_snapshot(bytes);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_TRUE(*loaded == original);
  EXPECT_EQ(loaded->save_json(), original.save_json());
  EXPECT_EQ(loaded->save_snapshot(), bytes);
  for (size_t i = 0; i < original.matters().size(); ++i) {
    EXPECT_EQ(loaded->find_matter(original.matters()[i].code), i);
  }
  for (const Hall& h : original.halls()) EXPECT_EQ(loaded->find_hall(h.id), original.find_hall(h.id));
  for (const Department& d : original.departments()) {
    EXPECT_EQ(loaded->find_department(d.id), original.find_department(d.id));
  }
  for (const Material& m : original.materials()) {
    EXPECT_EQ(loaded->find_material(m.id), original.find_material(m.id));
  }
  for (BundleIndex b = 0; b < original.bundles().size(); ++b) {
    EXPECT_EQ(loaded->find_bundle(original.bundles()[b].id), b);
    const auto x = original.topological_order(b);
    const auto y = loaded->topological_order(b);
    EXPECT_EQ(std::vector<uint32_t>(x.begin(), x.end()), std::vector<uint32_t>(y.begin(), y.end()));
  }
  expect_same_evaluation(original, *loaded);
}

TEST(Snapshot, RoundTripsTheYuyaoExample) {
  auto yuyao = Catalog::load_file(source("examples/yuyao-2017/catalog.json"));
  ASSERT_TRUE(yuyao.ok()) << yuyao.status();
  expect_round_trip(*yuyao);
}

TEST(Snapshot, RoundTripsTheTestCatalogues) {
  for (const char* name : {"small.json", "situations.json"}) {
    SCOPED_TRACE(name);
    auto catalog = Catalog::load_file(source(std::string("tests/data/catalog/") + name));
    ASSERT_TRUE(catalog.ok()) << catalog.status();
    expect_round_trip(*catalog);
  }
}

// Validity periods (a material use's, a fee's and a channel's, a bundle's) and
// a variant's unit travel too, and the catalogue read back knows it is dated.
TEST(Snapshot, KeepsEveryDatedFieldAndAVariantsUnit) {
  auto dated = Catalog::load_file(source("tests/data/catalog/dated.json"));
  ASSERT_TRUE(dated.ok()) << dated.status();
  ASSERT_TRUE(dated->dated());
  auto loaded = Catalog::load_snapshot(dated->save_snapshot());
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_TRUE(*loaded == *dated);
  EXPECT_TRUE(loaded->dated());
  EXPECT_EQ(loaded->save_json(), dated->save_json());
  for (const char* day : {"2017-07-11", "2017-07-12", "2017-08-01"}) {
    auto a = dated->as_of(*onetrip::parse_date(day));
    auto b = loaded->as_of(*onetrip::parse_date(day));
    ASSERT_EQ(a.ok(), b.ok()) << day;
    if (a.ok()) {
      EXPECT_EQ(a->save_json(), b->save_json()) << day;
    }
  }

  auto situations = Catalog::load_file(source("tests/data/catalog/situations.json"));
  ASSERT_TRUE(situations.ok()) << situations.status();
  onetrip::CatalogData data = situations->to_data();
  bool set = false;
  for (onetrip::Matter& m : data.matters) {
    if (!m.situations || m.situations->variants.empty() || set) continue;
    auto s = std::make_shared<onetrip::Situations>(*m.situations);
    s->variants[0].promise_day = 3;
    s->variants[0].promise_type = onetrip::LimitUnit::kNaturalDays;
    m.situations = onetrip::SituationsRef(s);
    set = true;
  }
  ASSERT_TRUE(set);
  auto edited = Catalog::from_data(std::move(data));
  ASSERT_TRUE(edited.ok()) << edited.status();
  auto back = Catalog::load_snapshot(edited->save_snapshot());
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_TRUE(*back == *edited);
  EXPECT_FALSE(*back == *situations);
}

TEST(Snapshot, SituationsAreCompiledOnLoad) {
  auto catalog = Catalog::load_file(source("tests/data/catalog/situations.json"));
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  auto loaded = Catalog::load_snapshot(catalog->save_snapshot());
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  int conditions = 0;
  for (const Matter& m : loaded->matters()) {
    if (!m.situations) continue;
    for (const MaterialRule& r : m.situations->materials) {
      if (r.when.text.empty()) continue;
      EXPECT_NE(r.when.code, nullptr) << m.code;
      ++conditions;
    }
    for (const Variant& v : m.situations->variants) {
      EXPECT_NE(v.when.code, nullptr) << m.code;
      ++conditions;
    }
  }
  EXPECT_GT(conditions, 0);
  // A notice answers the same on both.
  for (const Matter& m : catalog->matters()) {
    if (!m.situations) continue;
    auto x = notice(*catalog, m.code, std::vector<Answer>{});
    auto y = notice(*loaded, m.code, std::vector<Answer>{});
    ASSERT_EQ(x.ok(), y.ok()) << m.code;
    if (!x.ok()) continue;
    EXPECT_EQ(x->eligibility, y->eligibility) << m.code;
    EXPECT_EQ(x->deciding_questions, y->deciding_questions) << m.code;
    EXPECT_EQ(x->members, y->members) << m.code;
    EXPECT_EQ(x->materials.size(), y->materials.size()) << m.code;
    EXPECT_EQ(x->variants, y->variants) << m.code;
    EXPECT_EQ(x->trips.trips, y->trips.trips) << m.code;
    EXPECT_EQ(x->workdays, y->workdays) << m.code;
    EXPECT_EQ(x->open_questions, y->open_questions) << m.code;
  }
}

TEST(Snapshot, RoundTripsAGeneratedCatalogue) {
  GeneratorOptions o;
  o.matters = 3000;
  o.seed = 7;
  o.bundles_per_matter = 0.05;
  auto catalog = generate_catalog(o);
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  expect_round_trip(*catalog);
  // A derived catalogue (matters shared with its base) saves the same as one built whole.
  auto whole = Catalog::load_json(catalog->save_json());
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(whole->save_snapshot(), catalog->save_snapshot());
}

// The matters' code index (internal::CodeIndex), which both loaders fill:
// every code found at its index, a code added again answers the first index,
// codes that are prefixes of one another, long codes and an absent one.
TEST(CodeIndex, FindsEveryCodeAndTheFirstOfATwice) {
  internal::CodeIndex index;
  std::vector<std::string> codes;
  for (int i = 0; i < 20000; ++i) {
    // Short ones and the length of national implementation codes, some a prefix of the one before.
    codes.push_back(i % 3 == 0 ? std::to_string(i) : "11330281002509000X4330228" + std::to_string(i));
  }
  codes.push_back("1");  // a prefix of 1xxx, itself absent so far
  index.reserve(codes.size(), 0);
  for (uint32_t i = 0; i < codes.size(); ++i) {
    const auto [first, fresh] = index.add(codes[i], i);
    EXPECT_TRUE(fresh) << codes[i];
    EXPECT_EQ(first, i);
  }
  EXPECT_EQ(index.size(), codes.size());
  for (uint32_t i = 0; i < codes.size(); ++i) EXPECT_EQ(index.find(codes[i]), i) << codes[i];
  const auto [first, fresh] = index.add(codes[7], 99999);
  EXPECT_FALSE(fresh);
  EXPECT_EQ(first, 7u);
  EXPECT_EQ(index.find(codes[7]), 7u);
  EXPECT_EQ(index.size(), codes.size());
  EXPECT_FALSE(index.contains("11330281002509000X4330228"));
  EXPECT_FALSE(index.contains(""));
  EXPECT_FALSE(index.contains(std::string("1\0", 2)));
}

// A loaded snapshot keeps its checked bytes and builds a chunk's matters when
// one of them is first read: the look-ups by id need none, a read builds its
// chunk only, and every matter read is the one saved.
// Codes added in one call after others: the first found twice stops it, the
// index then holds the codes before it, and goes on from there.
TEST(CodeIndex, AddAllStopsAtTheFirstCodeFoundTwiceAndGoesOn) {
  internal::CodeIndex index;
  EXPECT_TRUE(index.add("a", 0).second);
  EXPECT_TRUE(index.add("bb", 1).second);
  EXPECT_TRUE(index.add("c", 2).second);
  const std::vector<std::string_view> batch = {"x", "yy", "bb", "z"};
  auto twice = index.add_all(batch, {}, 3);
  ASSERT_TRUE(twice.has_value());
  EXPECT_EQ(*twice, std::make_pair(5u, 1u));
  EXPECT_EQ(index.size(), 5u);
  EXPECT_EQ(index.find("x"), 3u);
  EXPECT_EQ(index.find("yy"), 4u);
  EXPECT_EQ(index.find("bb"), 1u);
  EXPECT_FALSE(index.contains("z"));
  // A code twice in one call, with the hash of the first given.
  const std::vector<std::string_view> again = {"z", "w", "z"};
  const std::vector<size_t> hashes = {internal::CodeIndex::hash("z")};
  twice = index.add_all(again, hashes, 5);
  ASSERT_TRUE(twice.has_value());
  EXPECT_EQ(*twice, std::make_pair(7u, 5u));
  EXPECT_EQ(index.size(), 7u);
  // Many codes without room made first: every one found after.
  std::vector<std::string> many;
  for (int i = 0; i < 100000; ++i) many.push_back("m" + std::to_string(i));
  const std::vector<std::string_view> views(many.begin(), many.end());
  EXPECT_FALSE(index.add_all(views, {}, 7).has_value());
  for (const char* c : {"a", "bb", "c", "x", "yy", "z", "w"}) EXPECT_TRUE(index.contains(c)) << c;
  for (size_t i = 0; i < many.size(); ++i) ASSERT_EQ(index.find(many[i]), 7 + i);
  EXPECT_EQ(index.add("m5", 9).first, 12u);
  EXPECT_FALSE(index.add_all({}, {}, 0).has_value());
}

TEST(Snapshot, MattersAreBuiltChunkByChunkWhenFirstRead) {
  constexpr size_t kChunk = MatterList::kChunkSize;
  GeneratorOptions o;
  o.matters = 3 * kChunk + 17;  // four chunks, the last short
  o.seed = 11;
  auto catalog = generate_catalog(o);
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  auto loaded = Catalog::load_snapshot(catalog->save_snapshot());
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  const internal::MatterTable& table = loaded->internals().matters;
  EXPECT_EQ(table.size(), o.matters);
  EXPECT_EQ(table.built_chunks(), 0u);
  const std::string& code = catalog->matters()[2 * kChunk + 5].code;
  EXPECT_EQ(loaded->find_matter(code), 2 * kChunk + 5);
  EXPECT_EQ(table.built_chunks(), 0u);
  EXPECT_TRUE(loaded->matters()[2 * kChunk + 5] == catalog->matters()[2 * kChunk + 5]);
  EXPECT_EQ(table.built_chunks(), 1u);
  EXPECT_TRUE(loaded->matters()[3 * kChunk + 16] == catalog->matters()[3 * kChunk + 16]);
  EXPECT_EQ(table.built_chunks(), 2u);
  // A copy shares the chunks, built or not.
  const Catalog copy = *loaded;
  EXPECT_TRUE(copy.matters()[0] == catalog->matters()[0]);
  EXPECT_EQ(table.built_chunks(), 3u);
  EXPECT_TRUE(*loaded == *catalog);
  EXPECT_EQ(table.built_chunks(), 4u);
}

// A chunk copied on write before any of its matters was read (a table edited
// in place, as a derivation edits its copy of its base's) is built first: the
// matter set is the new one, the chunk's others are the snapshot's, and the
// table it was copied from keeps its own.
TEST(Snapshot, AChunkCopiedOnWriteBeforeItIsReadIsBuiltFirst) {
  constexpr size_t kChunk = MatterList::kChunkSize;
  GeneratorOptions o;
  o.matters = 2 * kChunk + 10;
  o.seed = 15;
  auto catalog = generate_catalog(o);
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  auto loaded = Catalog::load_snapshot(catalog->save_snapshot());
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  internal::MatterTable table = loaded->internals().matters;  // shares every chunk, none built
  ASSERT_EQ(table.built_chunks(), 0u);
  auto edited = std::make_shared<Matter>(catalog->matters()[kChunk + 5]);
  edited->name = "edited";
  table.set(kChunk + 5, edited);
  EXPECT_EQ(table[kChunk + 5]->name, "edited");
  for (size_t i : {kChunk, kChunk + 4, kChunk + 6, 2 * kChunk - 1}) {
    EXPECT_TRUE(*table[i] == catalog->matters()[i]) << i;
  }
  EXPECT_TRUE(*table[0] == catalog->matters()[0]);
  EXPECT_TRUE(loaded->matters()[kChunk + 5] == catalog->matters()[kChunk + 5]);
}

// Reforms derive catalogues from an unread snapshot (chunks copied on write
// before they were built) in a chain longer than a chunk's copies are kept
// linked (MatterTable::kMaxDepth), the earlier states freed as it goes: each
// state is the one derived from the JSON-loaded catalogue.
TEST(Snapshot, ACatalogueDerivedFromAnUnreadSnapshotIsTheSame) {
  GeneratorOptions o;
  o.matters = 2 * MatterList::kChunkSize + 100;
  o.seed = 12;
  auto catalog = generate_catalog(o);
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  auto lazy = Catalog::load_snapshot(catalog->save_snapshot());
  ASSERT_TRUE(lazy.ok()) << lazy.status();
  Catalog from_snapshot = *std::move(lazy);
  Catalog from_json = *catalog;
  for (int step = 0; step < 2 * static_cast<int>(internal::MatterTable::kMaxDepth) + 3; ++step) {
    Scenario scenario;
    // A channel offered by one department's matters (spread over every chunk), a new pair each step.
    static constexpr ReformKind kKinds[] = {ReformKind::kExpressDelivery, ReformKind::kElectronicLicence,
                                            ReformKind::kPostalApplication, ReformKind::kOnlinePayment,
                                            ReformKind::kTolerantAcceptance};
    Reform channel;
    channel.kind = kKinds[step % 5];
    channel.target.department = "d" + std::to_string(step / 5);
    scenario.reforms.push_back(channel);
    auto next = apply(from_snapshot, scenario);
    auto expected = apply(from_json, scenario);
    ASSERT_TRUE(next.ok()) << next.status();
    ASSERT_TRUE(expected.ok()) << expected.status();
    from_snapshot = *std::move(next);  // the state before is freed
    from_json = *std::move(expected);
    ASSERT_TRUE(from_snapshot == from_json) << "step " << step;
  }
  EXPECT_EQ(from_snapshot.save_snapshot(), from_json.save_snapshot());
  expect_same_evaluation(from_snapshot, from_json);
}

// A large snapshot (read with a second thread beside the first) is refused
// for its checksum whatever the damage makes of its tables, and the same
// damage resealed is refused for what the tables hold; the undamaged one
// reads back equal.
// A generated catalogue of three chunks and its snapshot, over the size read beside its checksum.
std::pair<Catalog, std::string> large_snapshot(uint64_t seed) {
  GeneratorOptions o;
  o.matters = 3 * MatterList::kChunkSize;
  o.seed = seed;
  auto catalog = generate_catalog(o);
  EXPECT_TRUE(catalog.ok()) << catalog.status();
  std::string bytes = catalog->save_snapshot();
  EXPECT_GT(bytes.size(), size_t{1} << 20);
  return {*std::move(catalog), std::move(bytes)};
}

TEST(Snapshot, ALargeSnapshotIsRefusedForItsChecksumWhateverItsTablesHold) {
  const auto made = large_snapshot(13);
  const Catalog* catalog = &made.first;
  const std::string& bytes = made.second;
  auto loaded = Catalog::load_snapshot(bytes);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_TRUE(*loaded == *catalog);
  for (const size_t at : {bytes.size() / 3, bytes.size() / 2, bytes.size() - 40}) {
    std::string damaged = bytes;
    damaged.replace(at, 8, std::string(8, '\xff'));  // no field reads eight 0xFF bytes as valid
    auto refused = Catalog::load_snapshot(damaged);
    ASSERT_FALSE(refused.ok()) << at;
    EXPECT_THAT(refused.status().message(), HasSubstr("bad checksum")) << at;
    internal::reseal_snapshot(damaged);
    auto resealed = Catalog::load_snapshot(damaged);
    ASSERT_FALSE(resealed.ok()) << at;
    EXPECT_THAT(resealed.status().message(), HasSubstr("snapshot: ")) << at;
    EXPECT_THAT(resealed.status().message(), ::testing::Not(HasSubstr("checksum"))) << at;
  }
}

// A large snapshot's chunks of matters are read on two threads, and their
// codes indexed in order as the chunks before them are read: a code found
// twice is still named at the matter that repeats it, and the first problem in
// reading order is the answer, the repeated code or a problem of the reading
// before it or after it.
TEST(Snapshot, ALargeSnapshotNamesItsFirstProblemWhicheverThreadFindsIt) {
  const auto made = large_snapshot(14);
  const Catalog* catalog = &made.first;
  const std::string& bytes = made.second;
  // The generator's codes are nine ASCII characters, each found once in the snapshot.
  const auto at = [&](size_t i) {
    const std::string& code = catalog->matters()[i].code;
    EXPECT_EQ(code.size(), 9u);
    const size_t found = bytes.find(code);
    EXPECT_NE(found, std::string::npos);
    EXPECT_EQ(bytes.find(code, found + 1), std::string::npos) << code;
    return found;
  };
  const std::string& seventh = catalog->matters()[7].code;
  const auto load = [&](std::initializer_list<std::pair<size_t, std::string>> edits) {
    std::string edited = bytes;
    for (const auto& [position, text] : edits) edited.replace(position, text.size(), text);
    internal::reseal_snapshot(edited);
    return Catalog::load_snapshot(edited);
  };
  const std::string repeated = "$.matters[5000].code: code \"" + seventh + "\" is also used by $.matters[7]";
  const std::string bad_text = "\xff" + seventh.substr(1);  // not UTF-8, the same length

  auto twice = load({{at(5000), seventh}});
  ASSERT_FALSE(twice.ok());
  EXPECT_THAT(twice.status().message(), HasSubstr(repeated));
  auto before = load({{at(5000), seventh}, {at(3000), bad_text}});
  ASSERT_FALSE(before.ok());
  EXPECT_THAT(before.status().message(), HasSubstr("a matter's code: the text at byte"));
  EXPECT_THAT(before.status().message(), ::testing::Not(HasSubstr("also used")));
  auto after = load({{at(5000), seventh}, {at(6000), bad_text}});
  ASSERT_FALSE(after.ok());
  EXPECT_THAT(after.status().message(), HasSubstr(repeated));
  auto last = load({{at(3 * MatterList::kChunkSize - 1), seventh}});
  ASSERT_FALSE(last.ok());
  EXPECT_THAT(last.status().message(), HasSubstr("is also used by $.matters[7]"));
}

// The matters' chunk table (where each chunk of matters begins, then where
// the bundles begin) is input too: an entry that disagrees with the matters
// is named, at the first chunk it misleads, whichever thread reads that chunk;
// one pointing past the payload is refused before anything is read there.
TEST(SnapshotHostile, AChunkTableThatDisagreesWithTheMattersIsNamed) {
  const auto large = large_snapshot(15);
  auto yuyao = Catalog::load_file(source("examples/yuyao-2017/catalog.json"));
  ASSERT_TRUE(yuyao.ok());
  for (const auto& [catalog, bytes] : {large, std::make_pair(*yuyao, yuyao->save_snapshot())}) {
    const size_t chunks = (catalog.matters().size() + MatterList::kChunkSize - 1) / MatterList::kChunkSize;
    const std::string& code = catalog.matters()[0].code;
    const size_t first_matter = bytes.find(code) - 4;  // a matter begins with its code's length
    const size_t table = first_matter - 8 * (chunks + 1);
    const auto entry = [&](size_t c) {
      uint64_t v = 0;
      for (int i = 0; i < 8; ++i) v |= uint64_t{static_cast<uint8_t>(bytes[table + 8 * c + i])} << (8 * i);
      return v;
    };
    ASSERT_EQ(entry(0), first_matter - internal::kSnapshotHeaderBytes);
    const auto refused = [&](size_t c, uint64_t value) {
      std::string edited = bytes;
      for (int i = 0; i < 8; ++i) edited[table + 8 * c + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
      internal::reseal_snapshot(edited);
      auto loaded = Catalog::load_snapshot(edited);
      EXPECT_FALSE(loaded.ok()) << c << ": " << value;
      return std::string(loaded.status().message());
    };
    EXPECT_THAT(refused(0, entry(0) + 1),
                HasSubstr(absl::StrFormat("snapshot: the matters' chunk table: entry 0 is byte %d, where the "
                                          "matters begin at byte %d",
                                          entry(0) + 1, entry(0))));
    const size_t last = catalog.matters().size() - 1;
    const std::string ends =
        absl::StrFormat("snapshot: $.matters[%d]: the chunk of matters from $.matters[%d] ends at byte", last,
                        chunks == 1 ? 0 : (chunks - 1) * MatterList::kChunkSize);
    EXPECT_THAT(refused(chunks, entry(chunks) - 1), HasSubstr(ends));
    EXPECT_THAT(
        refused(chunks, entry(chunks) - 1),
        HasSubstr(absl::StrFormat("where the chunk table has the bundles begin at byte %d", entry(chunks) - 1)));
    EXPECT_THAT(refused(chunks, bytes.size()),
                HasSubstr(absl::StrFormat("entry %d is byte %d, past the payload's end", chunks, bytes.size())));
    if (chunks == 1) continue;
    // Chunk 1 said to begin a byte later, or earlier: chunk 0 does not end there.
    for (const uint64_t moved : {entry(1) + 1, entry(1) - 1}) {
      EXPECT_THAT(refused(1, moved),
                  HasSubstr(absl::StrFormat("snapshot: $.matters[4095]: the chunk of matters from $.matters[0] ends at "
                                            "byte %d, where the chunk table has the next begin at byte %d",
                                            entry(1), moved)));
    }
    EXPECT_THAT(refused(2, entry(1)),
                HasSubstr(absl::StrFormat("entry 2 is byte %d, where chunk 1's matters ($.matters[4096] on) take it at "
                                          "least to byte",
                                          entry(1))));
    for (const uint64_t far : {uint64_t{bytes.size()}, std::numeric_limits<uint64_t>::max() - 8}) {
      EXPECT_THAT(refused(1, far), HasSubstr("entry 1 is byte")) << far;
    }
  }
}

// Where a snapshot's chunk table and its matters' fields are (codes are
// found by their text: the generator's are nine ASCII characters, each once).
struct Layout {
  Layout(const Catalog& c, const std::string& b) : catalog(c), bytes(b) {
    chunks = (c.matters().size() + MatterList::kChunkSize - 1) / MatterList::kChunkSize;
    table = (c.matters().empty() ? b.size() - 4 : b.find(c.matters()[0].code) - 4) - 8 * (chunks + 1);
  }
  uint64_t entry(size_t c) const {
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= uint64_t{static_cast<uint8_t>(bytes[table + 8 * c + i])} << (8 * i);
    return v;
  }
  void set(std::string& edited, size_t c, uint64_t v) const {
    for (int i = 0; i < 8; ++i) edited[table + 8 * c + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
  }
  size_t code_at(size_t i) const { return bytes.find(catalog.matters()[i].code); }
  // A matter's department index follows its code and name, each after its length.
  size_t department_at(size_t i) const {
    return code_at(i) + catalog.matters()[i].code.size() + 4 + catalog.matters()[i].name.size();
  }
  const Catalog& catalog;
  const std::string& bytes;
  size_t chunks = 0;
  size_t table = 0;
};

// The message an edited snapshot, resealed, is refused with ("loaded" when it is not).
std::string refusal(std::string edited) {
  internal::reseal_snapshot(edited);
  auto loaded = Catalog::load_snapshot(edited);
  return loaded.ok() ? "loaded" : std::string(loaded.status().message());
}

// Catalogues of one matter and on either side of a chunk's end round-trip;
// a wrong entry for the bundles, or a count of matters off by one or by a
// chunk, is refused.
TEST(SnapshotHostile, EveryChunkBoundaryRoundTripsAndAWrongCountOrEntryIsRefused) {
  for (const int64_t n : {1, 4095, 4096, 4097, 8192, 8193}) {
    GeneratorOptions o;
    o.matters = n;
    o.seed = static_cast<uint64_t>(100 + n);
    auto catalog = generate_catalog(o);
    ASSERT_TRUE(catalog.ok());
    const std::string bytes = catalog->save_snapshot();
    auto loaded = Catalog::load_snapshot(bytes);
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    EXPECT_TRUE(*loaded == *catalog) << n;
    const Layout l(*catalog, bytes);
    ASSERT_EQ(l.entry(0), l.table + 8 * (l.chunks + 1) - internal::kSnapshotHeaderBytes) << n;
    for (const uint64_t v : {l.entry(l.chunks) + 1, l.entry(l.chunks) - 1, uint64_t{bytes.size()}, ~uint64_t{0}}) {
      std::string edited = bytes;
      l.set(edited, l.chunks, v);
      EXPECT_THAT(refusal(edited), HasSubstr("snapshot: ")) << n << ": " << v;
    }
    for (const int64_t delta : {-1, 1, 4096}) {
      std::string edited = bytes;
      const auto count = static_cast<uint32_t>(n + delta);
      for (int i = 0; i < 4; ++i) edited[l.table - 4 + i] = static_cast<char>((count >> (8 * i)) & 0xFF);
      EXPECT_THAT(refusal(edited), HasSubstr("snapshot: ")) << n << " " << delta;
    }
  }
}

TEST(SnapshotHostile, ACatalogueWithoutMattersHasATableOfOneEntry) {
  auto catalog = Catalog::load_json(R"({"schema": "onetrip/1", "halls": [{"id": "h", "name": "中心"}],
      "departments": [{"id": "d", "name": "住建", "halls": ["h"]}], "materials": [], "matters": [], "bundles": []})");
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  const std::string bytes = catalog->save_snapshot();
  auto loaded = Catalog::load_snapshot(bytes);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_TRUE(*loaded == *catalog);
  const Layout l(*catalog, bytes);
  ASSERT_EQ(l.entry(0), bytes.size() - 4 - internal::kSnapshotHeaderBytes);  // where the bundles' count is
  for (const uint64_t v : {l.entry(0) + 1, l.entry(0) - 1, uint64_t{0}, ~uint64_t{0}}) {
    std::string edited = bytes;
    l.set(edited, 0, v);
    EXPECT_THAT(refusal(edited), HasSubstr("the matters' chunk table: entry 0 is byte")) << v;
  }
  std::string edited = bytes;
  l.set(edited, 0, l.entry(0) + 1);
  EXPECT_THAT(refusal(edited), HasSubstr(absl::StrFormat("where the bundles begin at byte %d", l.entry(0))));
}

// On a snapshot of three chunks, read by two threads: each pair of problems
// is answered with the first in payload order, the same on every load.
TEST(SnapshotHostile, TheFirstProblemInPayloadOrderIsNamedWhicheverThreadFindsIt) {
  const auto made = large_snapshot(21);
  const Layout l(made.first, made.second);
  ASSERT_EQ(l.chunks, 3u);
  const std::string seventh = made.first.matters()[7].code;
  const auto twice_at = [&](std::string& e, size_t d) { e.replace(l.code_at(d), 9, seventh); };
  const auto bad_department = [&](std::string& e, size_t i) { e.replace(l.department_at(i), 4, 4, '\xff'); };
  const auto repeated = [&](size_t d) {
    return absl::StrFormat("$.matters[%d].code: code \"%s\" is also used by $.matters[7]", d, seventh);
  };
  const auto department = [&](size_t i) { return absl::StrFormat("$.matters[%d].department: department index", i); };
  const size_t bundles = l.entry(3) + internal::kSnapshotHeaderBytes;  // the bundles' count
  struct Case {
    const char* name;
    std::function<void(std::string&)> edit;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"a repeated code, then a problem in its matter",
       [&](std::string& e) {
         twice_at(e, 5000);
         bad_department(e, 5000);
       },
       repeated(5000)},
      {"a problem before a repeated code in its chunk",
       [&](std::string& e) {
         twice_at(e, 5000);
         bad_department(e, 4999);
       },
       department(4999)},
      {"a problem right after a repeated code",
       [&](std::string& e) {
         twice_at(e, 5000);
         bad_department(e, 5001);
       },
       repeated(5000)},
      {"a problem in an earlier chunk",
       [&](std::string& e) {
         twice_at(e, 9000);
         bad_department(e, 100);
       },
       department(100)},
      {"a repeated code last in chunk 0, chunk 1 said to begin later",
       [&](std::string& e) {
         twice_at(e, 4095);
         l.set(e, 1, l.entry(1) + 1);
       },
       repeated(4095)},
      {"a repeated code first in chunk 1, which ends where the table does not say",
       [&](std::string& e) {
         twice_at(e, 4096);
         l.set(e, 2, l.entry(2) + 1);
       },
       repeated(4096)},
      {"chunk 0 ends where the table does not say, a repeated code in chunk 1",
       [&](std::string& e) {
         twice_at(e, 5000);
         l.set(e, 1, l.entry(1) - 1);
       },
       "the chunk of matters from $.matters[0] ends at byte"},
      {"a bundle's problem and a matter's",
       [&](std::string& e) {
         e[bundles + 8] = '\xff';
         bad_department(e, 12000);
       },
       department(12000)},
      {"a bundle's problem and a repeated code",
       [&](std::string& e) {
         e[bundles + 8] = '\xff';
         twice_at(e, 12000);
       },
       repeated(12000)},
      {"a bundle's problem alone", [&](std::string& e) { e[bundles + 8] = '\xff'; }, "a bundle's id"},
      {"the table's problem and a matter's",
       [&](std::string& e) {
         bad_department(e, 0);
         l.set(e, 2, l.entry(1));
       },
       "entry 2 is byte"},
      {"the last matter's problem, the bundles' entry wrong",
       [&](std::string& e) {
         bad_department(e, 3 * MatterList::kChunkSize - 1);
         l.set(e, 3, l.entry(3) + 1);
       },
       department(3 * MatterList::kChunkSize - 1)},
  };
  for (const Case& c : cases) {
    std::string edited = made.second;
    c.edit(edited);
    const std::string first = refusal(edited);
    EXPECT_THAT(first, HasSubstr(c.expected)) << c.name;
    for (int round = 0; round < 3; ++round) EXPECT_EQ(refusal(edited), first) << c.name;
  }
}

// The fuzzer's seed (tests/fuzz/snapshot_fuzz.cpp) is the Yuyao example's
// snapshot in the current format: when the format or the example changes,
// `onetrip snapshot examples/yuyao-2017/catalog.json tests/data/snapshot/yuyao.snap`.
TEST(Snapshot, TheFuzzSeedIsCurrent) {
  auto yuyao = Catalog::load_file(source("examples/yuyao-2017/catalog.json"));
  ASSERT_TRUE(yuyao.ok());
  std::ifstream in(source("tests/data/snapshot/yuyao.snap"), std::ios::binary);
  std::ostringstream seed;
  seed << in.rdbuf();
  std::string expected = yuyao->save_snapshot();
  std::string committed = seed.str();
  ASSERT_EQ(committed.size(), expected.size());
  // The writing library's version may differ.
  committed.replace(internal::kSnapshotLibraryAt, 4, expected.substr(internal::kSnapshotLibraryAt, 4));
  EXPECT_TRUE(committed == expected);
}

TEST(Snapshot, FilesRoundTrip) {
  auto yuyao = Catalog::load_file(source("examples/yuyao-2017/catalog.json"));
  ASSERT_TRUE(yuyao.ok());
  // This process's own file: the dev and sanitizer builds' tests may run at the same time.
  const std::string path = testing::TempDir() + "/yuyao-" + std::to_string(::getpid()) + ".snap";
  ASSERT_TRUE(yuyao->save_snapshot_file(path).ok());
  auto loaded = Catalog::load_snapshot_file(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_TRUE(*loaded == *yuyao);
  std::remove(path.c_str());
  auto missing = Catalog::load_snapshot_file(path);
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(yuyao->save_snapshot_file(testing::TempDir() + "/no/such/dir/x.snap").code(), absl::StatusCode::kNotFound);
}

class Refusal : public ::testing::Test {
 protected:
  void SetUp() override {
    auto yuyao = Catalog::load_file(source("examples/yuyao-2017/catalog.json"));
    ASSERT_TRUE(yuyao.ok());
    bytes_ = yuyao->save_snapshot();
  }
  std::string bytes_;
};

TEST_F(Refusal, ACorruptedByteAnywhereInTheTables) {
  for (size_t at : {internal::kSnapshotHeaderBytes, bytes_.size() / 2, bytes_.size() - 1}) {
    std::string damaged = bytes_;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x10);
    auto loaded = Catalog::load_snapshot(damaged);
    ASSERT_FALSE(loaded.ok()) << at;
    EXPECT_EQ(loaded.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(loaded.status().message(), HasSubstr("bad checksum"));
  }
  std::string damaged = bytes_;
  damaged[internal::kSnapshotChecksumAt] ^= 1;
  EXPECT_THAT(Catalog::load_snapshot(damaged).status().message(), HasSubstr("bad checksum"));
}

TEST_F(Refusal, ATruncatedFile) {
  for (size_t size : {size_t{20}, internal::kSnapshotHeaderBytes, bytes_.size() / 2, bytes_.size() - 1}) {
    auto loaded = Catalog::load_snapshot(std::string_view(bytes_).substr(0, size));
    ASSERT_FALSE(loaded.ok()) << size;
    EXPECT_EQ(loaded.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(loaded.status().message(), HasSubstr("truncated")) << size;
  }
  EXPECT_THAT(Catalog::load_snapshot(bytes_ + "x").status().message(), HasSubstr("1 bytes after"));
}

TEST_F(Refusal, AnotherFormatVersionSaysWhichAndWhatThisLibraryReads) {
  std::string foreign = bytes_;
  foreign[internal::kSnapshotFormatAt] = static_cast<char>(internal::kSnapshotFormat + 1);
  foreign[internal::kSnapshotLibraryAt] = static_cast<char>(10203 & 0xFF);  // onetrip 1.2.3
  foreign[internal::kSnapshotLibraryAt + 1] = static_cast<char>(10203 >> 8);
  auto loaded = Catalog::load_snapshot(foreign);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(loaded.status().message(), HasSubstr(absl::StrFormat("format version %d (written by onetrip 1.2.3)",
                                                                   internal::kSnapshotFormat + 1)));
  EXPECT_THAT(loaded.status().message(), HasSubstr(absl::StrFormat("this library (onetrip %s) reads format version %d",
                                                                   version_string(), internal::kSnapshotFormat)));
}

TEST_F(Refusal, NotASnapshot) {
  auto json = Catalog::load_snapshot("{\"schema\": \"onetrip/1\"}");
  EXPECT_THAT(json.status().message(), HasSubstr("not a snapshot (a JSON catalogue?"));
  EXPECT_FALSE(Catalog::is_snapshot("{\"schema\": \"onetrip/1\"}"));
  EXPECT_FALSE(Catalog::load_snapshot("").ok());
  EXPECT_FALSE(Catalog::load_snapshot(bytes_.substr(0, 7)).ok());
}

// A small catalogue whose snapshot's fields can be found and edited: one
// bundle of two members (0 → 1), or of three (0 → 1 → 2).
Catalog tiny(bool three = false) {
  CatalogData d;
  d.name = "tiny";
  d.halls.push_back({"h", "中心", "", HallKind::kCentre});
  d.departments.push_back({"d", "住建", {0}, false});
  Matter m;
  m.code = "MX";
  m.name = "N";
  m.promised_limit = {5, LimitUnit::kWorkdays};
  m.halls = {0};
  d.matters.push_back(m);
  m.code = "MY";
  d.matters.push_back(m);
  Bundle b;
  b.id = "b";
  b.name = "B";
  b.members = {0, 1};
  b.edges.push_back({0, 1, EdgeKind::kApplicant, 2});
  if (three) {
    m.code = "MZ";
    d.matters.push_back(m);
    b.members.push_back(2);
    b.edges.push_back({1, 2, EdgeKind::kApplicant, 3});
  }
  d.bundles.push_back(b);
  auto c = Catalog::from_data(d);
  EXPECT_TRUE(c.ok()) << c.status();
  return *c;
}

// The bytes with the four after `anchor` replaced by `value` (little-endian), resealed.
std::string edited(std::string bytes, const std::string& anchor, uint32_t value) {
  const size_t at = bytes.find(anchor, internal::kSnapshotHeaderBytes);
  EXPECT_NE(at, std::string::npos);
  for (int i = 0; i < 4; ++i) bytes[at + anchor.size() + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
  internal::reseal_snapshot(bytes);
  return bytes;
}

TEST(SnapshotHostile, IndicesOutOfRangeAreNamed) {
  const std::string bytes = tiny().save_snapshot();
  ASSERT_TRUE(Catalog::load_snapshot(bytes).ok());
  const std::string matter_y(std::string("\x02\0\0\0MY\x01\0\0\0N", 11));
  auto bad_department = Catalog::load_snapshot(edited(bytes, matter_y, 7));
  EXPECT_THAT(bad_department.status().message(),
              HasSubstr("$.matters[1].department: department index 7 is out of range (1 department)"));
  // The bundle: id "b", name "B", lead, then two members.
  const std::string bundle(std::string("\x01\0\0\0b\x01\0\0\0B\0\0\0\0\x02\0\0\0", 18));
  auto bad_member = Catalog::load_snapshot(edited(bytes, bundle, 2));
  EXPECT_THAT(bad_member.status().message(), HasSubstr("$.bundles[0].members: matter index 2 is out of range"));
  // A hostile count: more members than the bytes left could hold.
  auto huge = Catalog::load_snapshot(edited(bytes, std::string("\x01\0\0\0b\x01\0\0\0B\0\0\0\0", 14), 0x7fffffff));
  EXPECT_THAT(huge.status().message(), HasSubstr("more than the"));
  // Both members' codes equal: a duplicate id.
  std::string twice = bytes;
  twice.replace(twice.find("MY"), 2, "MX");
  internal::reseal_snapshot(twice);
  EXPECT_THAT(Catalog::load_snapshot(twice).status().message(),
              HasSubstr("$.matters[1].code: code \"MX\" is also used by $.matters[0]"));
}

TEST(SnapshotHostile, ACycleIsRefused) {
  const std::string bytes = tiny(/*three=*/true).save_snapshot();
  ASSERT_TRUE(Catalog::load_snapshot(bytes).ok());
  // Two edges: 0 → 1 (applicant, 2 days), then 1 → 2, whose end becomes 0.
  const std::string edges(std::string("\x02\0\0\0\0\0\0\0\x01\0\0\0\0\x02\0\0\0\x01\0\0\0", 21));
  auto cycle = Catalog::load_snapshot(edited(bytes, edges, 0));
  EXPECT_THAT(cycle.status().message(), HasSubstr("$.bundles[0].edges: the members form a cycle"));
  auto self = Catalog::load_snapshot(edited(bytes, edges, 1));
  EXPECT_THAT(self.status().message(), HasSubstr("not two members"));
}

TEST(SnapshotHostile, InvalidTextIsRefused) {
  std::string bytes = tiny().save_snapshot();
  bytes.replace(bytes.find("MY"), 2, std::string("M\xff", 2));
  internal::reseal_snapshot(bytes);
  EXPECT_THAT(Catalog::load_snapshot(bytes).status().message(), HasSubstr("not UTF-8 without NUL"));
  bytes.replace(bytes.find(std::string("M\xff", 2)), 2, std::string("M\0", 2));
  internal::reseal_snapshot(bytes);
  EXPECT_THAT(Catalog::load_snapshot(bytes).status().message(), HasSubstr("not UTF-8 without NUL"));
}

// Every byte of the tables set to each of a few values, resealed: the reader
// refuses or reads, and what it reads saves and loads again.
TEST(SnapshotHostile, NoByteValueCrashesTheReader) {
  auto situations = Catalog::load_file(source("tests/data/catalog/situations.json"));
  ASSERT_TRUE(situations.ok());
  const std::vector<std::string> snapshots = {tiny(/*three=*/true).save_snapshot(), situations->save_snapshot()};
  for (size_t k = 0; k < snapshots.size(); ++k) {
    const std::string& bytes = snapshots[k];
    int read = 0;
    for (size_t at = internal::kSnapshotHeaderBytes; at < bytes.size(); ++at) {
      for (unsigned char v : {0x00, 0x02, 0xff}) {
        std::string mutated = bytes;
        mutated[at] = static_cast<char>(v);
        internal::reseal_snapshot(mutated);
        auto loaded = Catalog::load_snapshot(mutated);
        if (!loaded.ok()) {
          EXPECT_THAT(loaded.status().message(), HasSubstr("snapshot: "));
          continue;
        }
        ++read;
        auto again = Catalog::load_snapshot(loaded->save_snapshot());
        ASSERT_TRUE(again.ok()) << again.status();
        EXPECT_TRUE(*again == *loaded);
        EXPECT_FALSE(loaded->save_json().empty());
        if (k != 0) continue;  // evaluated on the small one: the situations' enumeration is slow
        // What it read evaluates (the evaluators rely on what the reader checks).
        EXPECT_TRUE(evaluate_catalog(*loaded).ok());
        for (BundleIndex b = 0; b < loaded->bundles().size(); ++b) EXPECT_GE(schedule_bundle(*loaded, b).workdays, 0);
      }
    }
    EXPECT_GT(read, 0);  // some edits are values in range: the test reaches the end of the reader
  }
}

}  // namespace
}  // namespace onetrip
