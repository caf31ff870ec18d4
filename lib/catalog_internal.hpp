// Internal to the catalogue: the names of its enumerations in the JSON format,
// the validation shared by the JSON loader and Catalog::from_data, and the
// catalogue's representation. Nothing here knows an evaluator's rules: what a
// rule needs of a catalogue is derived in the rule's own room and kept beside
// the catalogue in a DerivedSlots slot.
#ifndef ONETRIP_LIB_CATALOG_INTERNAL_HPP_
#define ONETRIP_LIB_CATALOG_INTERNAL_HPP_

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "enum_names.hpp"
#include "onetrip/catalog.hpp"
#include "text_support.hpp"

namespace onetrip {

absl::Span<const internal::EnumName<HallKind>> enum_names(HallKind);
absl::Span<const internal::EnumName<MaterialForm>> enum_names(MaterialForm);
absl::Span<const internal::EnumName<MaterialSource>> enum_names(MaterialSource);
absl::Span<const internal::EnumName<Necessity>> enum_names(Necessity);
absl::Span<const internal::EnumName<MatterKind>> enum_names(MatterKind);
absl::Span<const internal::EnumName<ProjectType>> enum_names(ProjectType);
absl::Span<const internal::EnumName<LimitUnit>> enum_names(LimitUnit);
absl::Span<const internal::EnumName<FeeKind>> enum_names(FeeKind);
absl::Span<const internal::EnumName<SpecialKind>> enum_names(SpecialKind);
absl::Span<const internal::EnumName<JointHandling>> enum_names(JointHandling);
absl::Span<const internal::EnumName<OnlineApplication>> enum_names(OnlineApplication);
absl::Span<const internal::EnumName<EdgeKind>> enum_names(EdgeKind);
absl::Span<const internal::EnumName<Acceptance>> enum_names(Acceptance);
absl::Span<const internal::EnumName<Results>> enum_names(Results);
absl::Span<const internal::EnumName<DatedField>> enum_names(DatedField);

}  // namespace onetrip

namespace onetrip::internal {

// A reference the JSON loader could not resolve (and has reported).
inline constexpr uint32_t kUnresolved = std::numeric_limits<uint32_t>::max();

// What validation reads of a catalogue besides the item it checks: the tables
// that references point into, and the matters' codes for messages. Built from
// plain CatalogData (the loader) or from a catalogue (a derived one).
struct Tables {
  absl::Span<const Hall> halls;
  absl::Span<const Department> departments;
  absl::Span<const Material> materials;
  size_t matter_count = 0;
  std::function<const std::string&(MatterIndex)> matter_code;
  // Situations: a matter by index (a bundle's members' questions); null when out of range.
  std::function<const Matter*(MatterIndex)> matter;
};

// Every rule of a catalogue: ids unique and non-empty, references valid,
// limits, fees and days sane, bundle graphs acyclic. With skip_unresolved,
// references equal to kUnresolved are passed over.
void validate_catalog(const CatalogData& data, bool skip_unresolved, Problems& problems);

// The matters' codes and their indices: the codes end to end in one text,
// the hash table holding only entry numbers, so that a province's 10^6 codes
// cost one allocation and a few bytes each beyond their text, not a string
// and a 40-byte slot each. Neither copied nor moved (its table's hash reads
// its text): held by a shared pointer.
class CodeIndex {
 public:
  CodeIndex() = default;
  CodeIndex(const CodeIndex&) = delete;
  CodeIndex& operator=(const CodeIndex&) = delete;

  // Room for `codes` codes of `bytes` bytes in all.
  void reserve(size_t codes, size_t bytes);
  // Adds `code` for index i: {i, true}; when it is there already, {its index, false}.
  std::pair<uint32_t, bool> add(std::string_view code, uint32_t i);
  // Adds codes[k] for index first + k, in order, until one is there
  // already: then {first + k, the index it has}, and the index holds only the
  // codes before it. hashes[k], when given, is hash(codes[k]). (reserve()
  // first for many codes: this does not.)
  std::optional<std::pair<uint32_t, uint32_t>> add_all(absl::Span<const std::string_view> codes,
                                                       absl::Span<const size_t> hashes = {}, uint32_t first = 0);
  // The hash of a code the index uses.
  static size_t hash(std::string_view code) { return absl::Hash<absl::string_view>{}({code.data(), code.size()}); }
  std::optional<uint32_t> find(std::string_view code) const;
  bool contains(std::string_view code) const { return find(code).has_value(); }
  size_t size() const { return indices_.size(); }

 private:
  std::string_view code(uint32_t entry) const {
    return std::string_view(text_).substr(ends_[entry] - length(entry), length(entry));
  }
  size_t length(uint32_t entry) const { return ends_[entry] - (entry == 0 ? 0 : ends_[entry - 1]); }
  // A code with its hash, computed before.
  struct Hashed {
    std::string_view code;
    size_t hash;
  };
  struct Hash {
    using is_transparent = void;
    const CodeIndex* self;
    size_t operator()(absl::string_view s) const { return CodeIndex::hash({s.data(), s.size()}); }
    size_t operator()(const Hashed& h) const { return h.hash; }
    size_t operator()(uint32_t entry) const { return CodeIndex::hash(self->code(entry)); }
  };
  struct Eq {
    using is_transparent = void;
    const CodeIndex* self;
    bool operator()(uint32_t a, uint32_t b) const { return a == b; }
    bool operator()(uint32_t a, absl::string_view b) const {
      return self->code(a) == std::string_view(b.data(), b.size());
    }
    bool operator()(absl::string_view a, uint32_t b) const { return (*this)(b, a); }
    bool operator()(uint32_t a, const Hashed& b) const { return self->code(a) == b.code; }
    bool operator()(const Hashed& a, uint32_t b) const { return (*this)(b, a); }
  };

  std::string text_;               // every code, end to end
  std::vector<uint64_t> ends_;     // where entry e's code ends in text_
  std::vector<uint32_t> indices_;  // entry e's index
  absl::flat_hash_set<uint32_t, Hash, Eq> entries_{0, Hash{this}, Eq{this}};
};

// The id lookups of a catalogue; a derived catalogue shares its base's.
struct Lookups {
  absl::flat_hash_map<std::string, HallIndex> halls;
  absl::flat_hash_map<std::string, DepartmentIndex> departments;
  absl::flat_hash_map<std::string, MaterialIndex> materials;
  std::shared_ptr<CodeIndex> matters = std::make_shared<CodeIndex>();
  absl::flat_hash_map<std::string, BundleIndex> bundles;
};

// The graphs of the bundles, precomputed; shared while the bundles are.
struct BundleTables {
  // Bundle b's topological order is topo[topo_offsets[b] .. topo_offsets[b] + its members)
  // (a derived catalogue's tables append the bundles it replaced: see patch_bundle_tables).
  std::vector<uint32_t> topo_offsets;
  std::vector<uint32_t> topo;
  // Out-edges by member: member v of bundle b leaves by the edges
  // out_edges[out_offsets[o + v] .. out_offsets[o + v + 1]), o = out_base[b],
  // so that a pass over a bundle's graph costs members + edges.
  std::vector<uint32_t> out_base;
  std::vector<uint32_t> out_offsets;
  std::vector<uint32_t> out_edges;  // edge positions in Bundle::edges
};

// A bundle's graph as spans: what a pass over it reads.
struct BundleGraph {
  absl::Span<const BundleEdge> edges;
  absl::Span<const uint32_t> order;        // topological
  absl::Span<const uint32_t> out_offsets;  // members + 1 entries
  absl::Span<const uint32_t> out_edges;
  absl::Span<const uint32_t> out_of(uint32_t v) const {
    return out_edges.subspan(out_offsets[v] - out_offsets[0], out_offsets[v + 1] - out_offsets[v]);
  }
};
BundleGraph bundle_graph(const Catalog& catalog, BundleIndex bundle);
// The tables of a catalogue's bundles, whose graphs are acyclic with edges
// between members (checked before).
std::shared_ptr<const BundleTables> build_bundle_tables(const std::vector<Bundle>& bundles);
// `base` (the tables of a table of bundles numbered alike) with the graphs of
// `replaced` redone, appended: in proportion to what changed.
std::shared_ptr<const BundleTables> patch_bundle_tables(const BundleTables& base, const std::vector<Bundle>& bundles,
                                                        absl::Span<const BundleIndex> replaced);
// The graph of a matter alone: one member, no edges.
BundleGraph single_member_graph();

// Values an evaluator's room derives from a catalogue once and keeps beside
// it (the trip rules' packed facts, say): built on first use by the room that
// owns them, shared by every copy of the catalogue, never rebuilt. The
// catalogue stores them without knowing what they are.
class DerivedSlots {
 public:
  static constexpr int kSlots = 4;
  // A slot for one room's values, claimed once (e.g. in a function-local static).
  static int claim();

  // The values of `slot`, built by build() on the first call (thread-safe).
  template <class T, class Build>
  const T& get(int slot, Build build) const {
    Slot& s = slots_[slot];
    std::call_once(s.once, [&] {
      s.value = std::shared_ptr<const T>(build());
      s.built.store(true, std::memory_order_release);
    });
    return *static_cast<const T*>(s.value.get());
  }
  // The values if they have been built, else null.
  template <class T>
  std::shared_ptr<const T> peek(int slot) const {
    const Slot& s = slots_[slot];
    if (!s.built.load(std::memory_order_acquire)) return nullptr;
    return std::static_pointer_cast<const T>(s.value);
  }

 private:
  struct Slot {
    std::once_flag once;
    std::atomic<bool> built{false};
    std::shared_ptr<const void> value;
  };
  mutable std::array<Slot, kSlots> slots_;
};

// Builds the matters of a chunk not built yet: a catalogue loaded from a
// snapshot keeps the snapshot's checked bytes and builds each chunk's matters
// when one of them is first read (lib/snapshot.cpp).
class ChunkSource {
 public:
  virtual ~ChunkSource() = default;
  // The `count` matters of chunk `chunk`, in order, in one block.
  virtual std::shared_ptr<const std::vector<Matter>> build(size_t chunk, size_t count) const = 0;
};

// Matters as a catalogue is built of them: one block of any size (a
// CatalogData's vector, moved in), or blocks of MatterList::kChunkSize
// matters each but the last (a loader's: read one after the other without
// knowing their number first, so that neither a count before the reading
// nor a whole vector grown by doubling is needed). Each block stays where it
// is as the block of the catalogue's chunks over it (MatterTable::of_blocks).
class MatterBlocks {
 public:
  using Block = std::shared_ptr<std::vector<Matter>>;
  static constexpr size_t kBlockSize = MatterList::kChunkSize;

  MatterBlocks() = default;                        // empty, in blocks of kBlockSize
  explicit MatterBlocks(std::vector<Matter> all);  // one block
  // A moved-from MatterBlocks is empty.
  MatterBlocks(MatterBlocks&& other) noexcept { *this = std::move(other); }
  MatterBlocks& operator=(MatterBlocks&& other) noexcept {
    if (this == &other) return *this;
    blocks_ = std::move(other.blocks_);
    other.blocks_.clear();
    size_ = std::exchange(other.size_, 0);
    bits_ = other.bits_;
    mask_ = other.mask_;
    return *this;
  }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  Matter& operator[](size_t i) { return (*blocks_[i >> bits_])[i & mask_]; }
  const Matter& operator[](size_t i) const { return (*blocks_[i >> bits_])[i & mask_]; }
  // A new matter at the end, default-constructed. The matters of the first
  // block move while it grows (to kBlockSize at most), the others never.
  Matter& emplace_back();
  void pop_back();
  // Gives back the room the last block keeps beyond its matters (moving
  // them): once every matter is read.
  void trim();
  // The matters in one vector (moved, not copied), the blocks left empty.
  std::vector<Matter> take_all();
  const std::vector<Block>& blocks() const { return blocks_; }

 private:
  std::vector<Block> blocks_;
  size_t size_ = 0;
  // Matter i is (*blocks_[i >> bits_])[i & mask_]: one block has them all
  // when bits_ is 63 (no index reaches 2^63) and mask_ all ones.
  unsigned bits_ = MatterList::kChunkBits;
  size_t mask_ = kBlockSize - 1;
};

// A catalogue's matters: chunks of MatterList::kChunkSize matter pointers,
// each chunk shared by every catalogue that changed none of its matters, so
// that a catalogue derived from another costs the chunks it changes, not a
// pointer per matter. A chunk holds its matters as plain pointers; it owns
// those it set itself and keeps the chunk it was copied from (which owns the
// rest): copying a chunk touches no matter's reference count. A chain of such
// copies is cut after kMaxDepth links by a copy that owns every matter itself.
// Copies share chunks; set() copies a shared chunk first (copy on write). A
// chunk may be lazy (add_lazy): its items are null until the first read of
// any of them builds them all from its source, once, whichever thread reads.
class MatterTable {
 public:
  using Ptr = std::shared_ptr<const Matter>;
  static constexpr size_t kBits = MatterList::kChunkBits;
  static constexpr size_t kChunkSize = MatterList::kChunkSize;
  static constexpr uint32_t kMaxDepth = 8;

  MatterTable() = default;
  explicit MatterTable(std::vector<Ptr> matters);
  // The matters of `blocks`, in order, owned by their blocks (no matter
  // copied or moved).
  static MatterTable of_blocks(const MatterBlocks& blocks);

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // Matter i (a plain pointer: compare two tables' by address, as shared).
  const Matter* operator[](size_t i) const { return MatterList::item(directory_.data(), i); }
  // Matter i, owned (by its chunk: the pointer keeps the chunk alive).
  Ptr shared(size_t i) const;
  // Replaces matter i, copying its chunk first when another table shares it.
  void set(size_t i, Ptr m);
  void push_back(Ptr m);
  // Appends a whole chunk of `count` matters (kChunkSize but for the last),
  // built by source->build(chunk, count) on its first read; the table's
  // size must be a multiple of kChunkSize.
  void add_lazy(std::shared_ptr<const ChunkSource> source, size_t count);
  // How many chunks are built (the others are lazy and unread).
  size_t built_chunks() const;

  MatterList list() const { return MatterList(directory_.data(), size_); }

  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = const Matter*;
    using difference_type = std::ptrdiff_t;
    using pointer = const Matter* const*;
    using reference = const Matter*;
    const_iterator(const MatterTable* t, size_t at) : t_(t), at_(at) {}
    const Matter* operator*() const { return (*t_)[at_]; }
    const_iterator& operator++() {
      ++at_;
      return *this;
    }
    bool operator==(const const_iterator& o) const { return at_ == o.at_; }
    bool operator!=(const const_iterator& o) const { return at_ != o.at_; }

   private:
    const MatterTable* t_;
    size_t at_;
  };
  const_iterator begin() const { return const_iterator(this, 0); }
  const_iterator end() const { return const_iterator(this, size_); }

  struct Chunk;

 private:
  // Chunk k, built and unshared (copied when shared).
  Chunk& own(size_t k);

  std::vector<std::shared_ptr<Chunk>> chunks_;
  std::vector<const ChunkItems*> directory_;  // chunks_[k].get()
  size_t size_ = 0;
};

// A chunk's items (ChunkItems, what MatterList reads) and what owns them.
struct MatterTable::Chunk : ChunkItems {
  std::vector<std::pair<uint32_t, Ptr>> owned;  // slot and owner of the items this chunk set
  std::shared_ptr<const Chunk> parent;          // owns the other items
  uint32_t depth = 0;                           // links to a chunk that owns all its items
  // The block of matters the chunk's items point into when it was made of
  // one (of_blocks, or a lazy chunk built; a chain cut keeps its root's):
  // owns every item no owned entry owns.
  std::shared_ptr<const std::vector<Matter>> block;
  // A lazy chunk: what builds its items, its number there and how many; the
  // source is let go once they are built.
  std::shared_ptr<const ChunkSource> source;
  size_t number = 0;
  size_t count = 0;
  // Whether the items are built, set once under `building`; a build that
  // throws leaves it unset, for the next read to try again.
  std::atomic<bool> built{false};
  std::mutex building;
  // Builds the items of a lazy chunk (at once when built already).
  void build();
};

// What a derived catalogue changed of its base: enough for a room to derive
// its values from the base's (while the base lives) by redoing only what changed.
struct Provenance {
  std::weak_ptr<const Catalog::Impl> base;
  std::vector<MatterIndex> changed_matters;
  bool materials_changed = false;  // any material (its sharing, say)
  bool bundles_changed = false;    // the bundle table
  // With bundles_changed, the bundles that differ from the base's when the
  // deriver said which (else any may); empty without.
  std::optional<std::vector<BundleIndex>> bundles_replaced;
  bool halls_changed = false;  // the halls of a changed matter
};

// A catalogue derived from `base` with some parts replaced, as a reform makes
// it: the matters are the base's pointers with the changed ones replaced (the
// rest stay shared), and the ids are the base's (no matter added or removed).
// Only the changed matters and bundles are checked again, and only what depends
// on a change is computed anew.
struct Derivation {
  MatterTable matters;
  std::vector<MatterIndex> changed_matters;
  std::vector<Material> materials;
  bool materials_changed = false;
  std::shared_ptr<const std::vector<Bundle>> bundles;
  std::vector<BundleIndex> changed_bundles;
  // With `bundles`: those that differ from the base's, if known (what a
  // derived catalogue's values need redone); nullopt: any may.
  std::optional<std::vector<BundleIndex>> bundles_replaced;
  std::shared_ptr<const Lookups> ids;  // null: the base's (no matter or bundle added or removed)
};
absl::StatusOr<Catalog> derive(const Catalog& base, Derivation derivation, std::vector<Problem>* problems);

// The data of a catalogue made of `matters` (a catalogue's, perhaps edited)
// without those marked in `drop`: indices renumbered, bundles losing the
// dropped members and their edges, and a bundle left with none leaving too.
CatalogData without_matters(const Catalog& base, const MatterTable& matters, std::vector<Material> materials,
                            absl::Span<const Bundle> bundles, const std::vector<bool>& drop);

// `b` with its members renumbered (renumber(i) < 0: the member leaves, with
// its edges and member conditions; a question only it asked that the bundle's
// conditions read becomes the bundle's own); nullopt when no member is left.
// old_matter / new_matter look up the matters before and after.
std::optional<Bundle> bundle_renumbered(Bundle b, const std::function<int64_t(MatterIndex)>& renumber,
                                        const std::function<const Matter*(MatterIndex)>& old_matter,
                                        const std::function<const Matter*(MatterIndex)>& new_matter);

// Keeps the material uses of `m` for which keep(use) holds, in order; the
// situations' material rules point at uses by position: renumbered with the
// uses kept, a dropped use's rule gone with it. Returns how many were dropped.
size_t keep_material_uses(Matter& m, const std::function<bool(const MaterialUse&)>& keep);

// What an evaluation at `day` (an acceptance, a start) reads of `c`: `c`
// itself when nothing in it is dated (at no cost); else `c` numbered alike
// with the material uses, fees and channels of the matters it reads as they
// hold that day. The matters and bundles it reads must be in force that day:
// FAILED_PRECONDITION names the first that is not, the day and its period.
// With `everything`, it reads every matter and bundle.
struct Reads {
  std::vector<MatterIndex> matters;  // a bundle's members are added
  std::vector<BundleIndex> bundles;
  bool everything = false;
  bool check_only = false;  // only that they are in force: `c` itself comes back
};
absl::StatusOr<Catalog> evaluated_on(const Catalog& c, Date day, Reads reads);

// `m` as it holds on `day` (it being in force): its material uses, fee and
// channels outside their periods gone, with the periods that dated them;
// null when nothing of it changes (Catalog::as_of, the roadmap's days).
std::shared_ptr<const Matter> matter_on_day(const Matter& m, Date day);

// The catalogue in force on `day` numbered as `c`: each matter in force as it
// holds that day, a bundle without its members not in force; the matters and
// bundles not in force stay as they are, listed (ascending), for the caller to
// leave out (the whole evaluation with a start day). `c` itself when nothing changes.
struct NumberedInForce {
  Catalog catalog;
  std::vector<MatterIndex> matters_out;
  std::vector<BundleIndex> bundles_out;
};
absl::StatusOr<NumberedInForce> in_force_numbered(const Catalog& c, Date day);

// Whether `m` charges or offers what a period of `f` dates: a period of a fee
// it does not charge, or of a channel it does not offer, dates nothing (a
// catalogue's is a problem: docs/catalog-format.md, "Validity").
bool offers(const Matter& m, DatedField f);

// Whether anything of `m` carries a validity date (itself, a material use, its fee or a channel).
bool matter_dated(const Matter& m);
// Whether any bundle carries a validity date (with matter_dated: Catalog::Impl::dated).
bool bundles_dated(const std::vector<Bundle>& bundles);

}  // namespace onetrip::internal

namespace onetrip {

struct Catalog::Impl {
  std::string name;
  std::vector<Hall> halls;
  std::vector<Department> departments;
  std::vector<Material> materials;
  internal::MatterTable matters;  // each chunk shared with the catalogues derived from this one
  std::shared_ptr<const std::vector<Bundle>> bundles;
  std::shared_ptr<const internal::Lookups> ids;
  std::shared_ptr<const internal::BundleTables> bundle_tables;
  internal::Provenance provenance;  // empty unless derived
  bool dated = false;               // anything carries a validity date (Catalog::dated)
  internal::DerivedSlots derived;
};

}  // namespace onetrip

#endif  // ONETRIP_LIB_CATALOG_INTERNAL_HPP_
