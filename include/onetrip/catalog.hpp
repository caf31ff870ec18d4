// The service catalogue: halls, departments, materials, matters (事项) and
// bundles (一件事 / 联合审批), as loaded from the "onetrip/1" JSON format.
//
// A Catalog is an immutable value: every reference inside it is a dense index
// that has been checked, every rule of docs/catalog-format.md holds. Copies
// share their data, and a catalogue derived by a reform (onetrip/reform.hpp)
// shares every matter the reform did not change; a catalogue may be read from
// any number of threads.
#ifndef ONETRIP_CATALOG_HPP_
#define ONETRIP_CATALOG_HPP_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "onetrip/date.hpp"
#include "onetrip/problem.hpp"
#include "onetrip/progress.hpp"
#include "onetrip/situation.hpp"

namespace onetrip {

// Value types below compare equal when all their fields do.
template <class T>
auto operator==(const T& a, const T& b) -> decltype(a.fields() == b.fields()) {
  return a.fields() == b.fields();
}
template <class T>
auto operator!=(const T& a, const T& b) -> decltype(a.fields() == b.fields()) {
  return !(a.fields() == b.fields());
}

using HallIndex = uint32_t;
using DepartmentIndex = uint32_t;
using MaterialIndex = uint32_t;
using MatterIndex = uint32_t;
using BundleIndex = uint32_t;

enum class HallKind : uint8_t {
  kCentre,     // 行政服务中心
  kSubcentre,  // 分中心
  kTownship,   // 便民服务中心
};

struct Hall {
  std::string id;
  std::string name;
  std::string address;
  HallKind kind = HallKind::kCentre;
  // The fields, for comparison.
  auto fields() const { return std::tie(id, name, address, kind); }
};

struct Department {
  std::string id;
  std::string name;              // the window's name, e.g. "住建"
  std::vector<HallIndex> halls;  // halls where it has a window
  // Its window takes taxes (财税): what it collects is not an administrative
  // fee, and the monthly report shows it apart (tax_m, tax_c).
  bool collects_taxes = false;
  // The fields, for comparison.
  auto fields() const { return std::tie(id, name, halls, collects_taxes); }
};

enum class MaterialForm : uint8_t { kPaper, kElectronic, kEither };
enum class MaterialSource : uint8_t {
  kApplicant,   // the applicant's own document
  kGovernment,  // issued by a government body: can be shared (数据共享) instead of carried
  kThirdParty,  // issued by someone else (a bank, a design institute)
};
enum class Necessity : uint8_t {
  kRequired,   // 必要
  kOptional,   // 非必要
  kTolerable,  // 容缺后补: may follow after acceptance
};

// The days an element of the catalogue holds (a matter's material use, its
// fee or one of its channels, a bundle): from `from` to `until`, both
// included; an open end where none is given.
struct Validity {
  std::optional<Date> from;
  std::optional<Date> until;
  // Whether it holds on `day`.
  bool holds(Date day) const { return (!from || *from <= day) && (!until || day <= *until); }
  // Whether either end is given.
  bool dated() const { return from || until; }
  // The fields, for comparison.
  auto fields() const { return std::tie(from, until); }
};

struct Material {
  std::string id;
  std::string name;
  MaterialForm form = MaterialForm::kPaper;
  bool original = false;  // the original must be shown for verification
  MaterialSource source = MaterialSource::kApplicant;
  std::string issuer;   // who issues it, for government and third-party sources
  bool shared = false;  // a government-issued material fetched by data sharing (信息跑腿), not carried
  Necessity necessity = Necessity::kRequired;
  std::string condition;  // when it applies, e.g. "转租时提供"; empty: always
  bool applies_by_default = true;
  // The fields, for comparison.
  auto fields() const {
    return std::tie(id, name, form, original, source, issuer, shared, necessity, condition, applies_by_default);
  }
};

// A material as one matter asks for it: the material's defaults with this
// matter's overrides applied.
struct MaterialUse {
  MaterialIndex material = 0;
  MaterialForm form = MaterialForm::kPaper;
  bool original = false;
  Necessity necessity = Necessity::kRequired;
  std::string condition;
  bool applies_by_default = true;
  Validity validity;  // the days this matter asks for it; outside them Catalog::as_of leaves it out
  // The fields, for comparison.
  auto fields() const { return std::tie(material, form, original, necessity, condition, applies_by_default, validity); }
};

// The national catalogue's categories of power (事项类型).
enum class MatterKind : uint8_t {
  kLicensing,       // 行政许可
  kPenalty,         // 行政处罚
  kEnforcement,     // 行政强制
  kLevy,            // 行政征收
  kBenefit,         // 行政给付
  kInspection,      // 行政检查
  kConfirmation,    // 行政确认
  kReward,          // 行政奖励
  kAdjudication,    // 行政裁决
  kOtherPower,      // 其他行政权力
  kReviewTransfer,  // 审核转报
  kPublicService,   // 公共服务
};

enum class ProjectType : uint8_t {
  kImmediate,  // 即办件: done on the spot
  kPromised,   // 承诺件: done within a promised number of days
};

enum class LimitUnit : uint8_t { kWorkdays, kNaturalDays, kMonths };

struct Limit {
  int32_t value = 0;
  LimitUnit unit = LimitUnit::kWorkdays;
  // The fields, for comparison.
  auto fields() const { return std::tie(value, unit); }
};

enum class OnlineApplication : uint8_t {
  kNone,       // apply in person
  kPreReview,  // submit online for review, then bring the papers (网上预审)
  kFull,       // fully online (全程网办)
};

// When a fee is known, which decides when it is paid (docs/rules.md).
enum class FeeKind : uint8_t {
  kFixed,     // a fixed charge known when applying (passports, registrations): paid with the application
  kAssessed,  // an amount set by the decision: paid when the result is handed over
};

// The procedures whose time 行政许可法 第四十五条 takes out of the limit:
// 听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审; kOther is a procedure another
// law takes out (its basis cited), or one the catalogue does not classify.
enum class SpecialKind : uint8_t {
  kHearing,       // 听证
  kTender,        // 招标
  kAuction,       // 拍卖
  kInspection,    // 检验
  kTesting,       // 检测
  kQuarantine,    // 检疫
  kAppraisal,     // 鉴定
  kExpertReview,  // 专家评审
  kOther,
};

// Time not counted in the limit (第四十五条): the applicant still waits for it.
struct SpecialProcedure {
  std::string name;
  int32_t days = 0;  // working days
  SpecialKind kind = SpecialKind::kOther;
  std::string basis;  // the law that takes a kOther procedure out of the limit
  // The fields, for comparison.
  auto fields() const { return std::tie(name, days, kind, basis); }
};

// A longer extension than 第四十二条's 10 working days, where another law
// sets one ("法律、法规另有规定的，依照其规定").
struct SpecialExtension {
  int32_t days = 0;   // working days
  std::string basis;  // the law, cited
  // The fields, for comparison.
  auto fields() const { return std::tie(days, basis); }
};

// The fee and the channels of a matter that may hold for a period only
// (the JSON's "periods"): outside it Catalog::as_of clears the fee, or turns
// the channel off (online application to none).
enum class DatedField : uint8_t {
  kFee,                 // "fee"
  kOnline,              // "online"
  kPostal,              // "is_postal"
  kExpress,             // "is_express"
  kElectronicLicence,   // "electronic_licence"
  kOnlinePayment,       // "online_payment"
  kTolerantAcceptance,  // "tolerant_acceptance"
};

struct FieldPeriod {
  DatedField field = DatedField::kFee;
  Validity validity;
  // The fields, for comparison.
  auto fields() const { return std::tie(field, validity); }
};

struct Matter {
  std::string code;  // 事项编码: the national implementation code or a local one
  std::string name;
  DepartmentIndex department = 0;
  MatterKind kind = MatterKind::kLicensing;
  ProjectType project_type = ProjectType::kPromised;
  std::optional<Limit> legal_limit;  // 法定办结时限; none where no law sets one
  Limit promised_limit;              // 承诺办结时限; 0 for an immediate matter
  int64_t fee_fen = 0;               // money in fen, never a float
  FeeKind fee_kind = FeeKind::kFixed;
  std::vector<HallIndex> halls;  // halls offering it (通办); never empty in a loaded catalogue
  std::vector<MaterialUse> materials;
  OnlineApplication online = OnlineApplication::kNone;
  bool postal_application = false;  // 邮寄申请: the papers, originals included, travel by post
  bool express_delivery = false;    // 快递送达 of the result
  bool electronic_licence = false;  // 电子证照: the result is issued electronically
  bool online_payment = false;
  bool tolerant_acceptance = false;             // 容缺受理
  std::optional<int32_t> site_inspection_days;  // 现场勘查: officials visit (not a trip)
  std::string personal_presence;                // statutory personal presence and its reason; empty: none
  std::vector<SpecialProcedure> special_procedures;
  // 第四十四条: the certificate is issued and delivered within this many
  // working days of the decision (at most 10); 0 when the limit includes it.
  int32_t issue_days = 0;
  std::optional<SpecialExtension> extension;  // none: 第四十二条's 10 working days
  std::optional<int32_t> declared_trips;      // 到办事现场次数 as the source catalogue declares it
  std::optional<Date> effective_from;         // 实施日期, when the matter (or this form of it) starts
  std::optional<Date> effective_until;        // its last day in force (both ends included); none: open
  std::vector<FieldPeriod> periods;           // the fee and channels that hold for a period only, by field
  std::string note;                           // where the facts come from; what is assumed
  // Situations (情形): questions, eligibility, conditional materials and
  // variants (onetrip/situation.hpp); null for a matter without any.
  SituationsRef situations;
  // The fields, for comparison.
  auto fields() const {
    return std::tie(code, name, department, kind, project_type, legal_limit, promised_limit, fee_fen, fee_kind, halls,
                    materials, online, postal_application, express_delivery, electronic_licence, online_payment,
                    tolerant_acceptance, site_inspection_days, personal_presence, special_procedures, issue_days,
                    extension, declared_trips, effective_from, effective_until, periods, note, situations);
  }
};

enum class EdgeKind : uint8_t {
  kApplicant,  // the applicant carries the result from one member to the next
  kInternal,   // the administration passes it on (内部流转)
};

// `to` needs the result of `from`.
struct BundleEdge {
  uint32_t from = 0;  // positions in Bundle::members
  uint32_t to = 0;
  EdgeKind kind = EdgeKind::kApplicant;
  int32_t days = 0;  // the applicant's delay (applicant) or the transfer time (internal), working days
  // The fields, for comparison.
  auto fields() const { return std::tie(from, to, kind, days); }
};

enum class Acceptance : uint8_t {
  kSeparate,      // each member at its own window
  kSingleWindow,  // 一窗受理: all at the lead window at the start
};
enum class Results : uint8_t {
  kEach,      // each member's result comes back on its own
  kTogether,  // all results at the lead window at the end
};

// How the bodies of a bundle decide (行政许可法 第二十六条, 第四十二条): handled by
// several bodies as one — 统一办理, 联合办理 or 集中办理 — the decision is due
// within 45 working days (+15 by one extension); otherwise each member keeps
// its own limit.
enum class JointHandling : uint8_t {
  kNone,
  kUnified,      // 统一办理
  kJoint,        // 联合办理
  kCentralized,  // 集中办理
};

struct Bundle {
  std::string id;
  std::string name;
  DepartmentIndex lead = 0;  // 牵头部门
  std::vector<MatterIndex> members;
  std::vector<BundleEdge> edges;
  JointHandling handling = JointHandling::kNone;
  Acceptance acceptance = Acceptance::kSeparate;
  bool joint_inspection = false;  // 联合踏勘
  Results results = Results::kEach;
  Validity validity;  // the days the bundle is offered; outside them Catalog::as_of leaves it out
  std::string note;
  // Situations (情形): the bundle's own questions and eligibility rules, and
  // members that apply only in some situations; null for none.
  SituationsRef situations;
  // The fields, for comparison.
  auto fields() const {
    return std::tie(id, name, lead, members, edges, handling, acceptance, joint_inspection, results, validity, note,
                    situations);
  }
};

// Everything a catalogue holds, as plain values with index references.
struct CatalogData {
  std::string name;
  std::vector<Hall> halls;
  std::vector<Department> departments;
  std::vector<Material> materials;
  std::vector<Matter> matters;
  std::vector<Bundle> bundles;
  // The fields, for comparison.
  auto fields() const { return std::tie(name, halls, departments, materials, matters, bundles); }
};

class Catalog;
namespace internal {
struct Derivation;  // lib/catalog_internal.hpp: how apply builds a catalogue sharing its base's matters
absl::StatusOr<Catalog> derive(const Catalog& base, Derivation derivation, std::vector<Problem>* problems);
struct SnapshotReader;  // lib/snapshot.cpp: builds a catalogue from a snapshot's tables
class CodeIndex;        // lib/catalog_internal.hpp: the matters' codes, indexed
class MatterBlocks;     // lib/catalog_internal.hpp: matters in blocks
// Catalog::from_data with the matters in blocks (data.matters is not read)
// and, when the loader that read them indexed their codes, that index
// (lib/catalog.cpp).
absl::StatusOr<Catalog> build_catalog(CatalogData data, MatterBlocks matters, std::shared_ptr<CodeIndex> codes,
                                      std::vector<Problem>* problems);
// The matter pointers of a chunk of a catalogue's matters (MatterList):
// the first part of the chunk the catalogue keeps (lib/catalog_internal.hpp).
struct ChunkItems {
  static constexpr size_t kBits = 12;
  std::atomic<const Matter*> items[size_t{1} << kBits]{};
};
// A chunk's matters are built on the first read of any of them when the
// catalogue was loaded from a snapshot (lib/catalog.cpp): builds them if they
// are not yet and returns item `slot` of `chunk`.
const Matter* built_matter(const ChunkItems* chunk, size_t slot);
}  // namespace internal

// The matters of a catalogue, in order: a random-access range of const
// Matter (each matter is held once and shared by the catalogues derived from
// this one, so they are not contiguous: the catalogue keeps them in chunks of
// kChunkSize, each shared by the catalogues that changed none of its matters;
// a catalogue loaded from a snapshot builds a chunk's matters when one of them
// is first read). Valid while the catalogue lives; any number of threads may
// read it.
class MatterList {
 public:
  static constexpr size_t kChunkBits = internal::ChunkItems::kBits;
  static constexpr size_t kChunkSize = size_t{1} << kChunkBits;
  // The chunks: matter i is chunks[i / kChunkSize]->items[i % kChunkSize],
  // null while its chunk is not built.
  using Chunks = const internal::ChunkItems* const*;
  // Matter i of `chunks`, its chunk built first if it is not yet.
  static const Matter* item(Chunks chunks, size_t i) {
    const internal::ChunkItems* chunk = chunks[i >> kChunkBits];
    const size_t slot = i & (kChunkSize - 1);
    const Matter* m = chunk->items[slot].load(std::memory_order_acquire);
    return m != nullptr ? m : internal::built_matter(chunk, slot);
  }

  class const_iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = Matter;
    using difference_type = std::ptrdiff_t;
    using pointer = const Matter*;
    using reference = const Matter&;

    const_iterator() = default;
    const_iterator(Chunks chunks, size_t at) : chunks_(chunks), at_(static_cast<difference_type>(at)) {}
    reference operator*() const { return *item(at_); }
    pointer operator->() const { return item(at_); }
    reference operator[](difference_type k) const { return *item(at_ + k); }
    const_iterator& operator++() {
      ++at_;
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator was = *this;
      ++at_;
      return was;
    }
    const_iterator& operator--() {
      --at_;
      return *this;
    }
    const_iterator operator--(int) {
      const_iterator was = *this;
      --at_;
      return was;
    }
    const_iterator& operator+=(difference_type k) {
      at_ += k;
      return *this;
    }
    const_iterator& operator-=(difference_type k) {
      at_ -= k;
      return *this;
    }
    friend const_iterator operator+(const_iterator it, difference_type k) { return it += k; }
    friend const_iterator operator+(difference_type k, const_iterator it) { return it += k; }
    friend const_iterator operator-(const_iterator it, difference_type k) { return it -= k; }
    friend difference_type operator-(const_iterator a, const_iterator b) { return a.at_ - b.at_; }
    friend bool operator==(const_iterator a, const_iterator b) { return a.at_ == b.at_; }
    friend bool operator!=(const_iterator a, const_iterator b) { return a.at_ != b.at_; }
    friend bool operator<(const_iterator a, const_iterator b) { return a.at_ < b.at_; }
    friend bool operator>(const_iterator a, const_iterator b) { return a.at_ > b.at_; }
    friend bool operator<=(const_iterator a, const_iterator b) { return a.at_ <= b.at_; }
    friend bool operator>=(const_iterator a, const_iterator b) { return a.at_ >= b.at_; }

   private:
    pointer item(difference_type i) const { return MatterList::item(chunks_, static_cast<size_t>(i)); }
    Chunks chunks_ = nullptr;
    difference_type at_ = 0;
  };
  using iterator = const_iterator;
  using value_type = Matter;
  using size_type = size_t;

  MatterList(Chunks chunks, size_t size) : chunks_(chunks), size_(size) {}
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const Matter& operator[](size_t i) const { return *item(chunks_, i); }
  const Matter& front() const { return (*this)[0]; }
  const Matter& back() const { return (*this)[size_ - 1]; }
  const_iterator begin() const { return const_iterator(chunks_, 0); }
  const_iterator end() const { return const_iterator(chunks_, size_); }

 private:
  Chunks chunks_;
  size_t size_;
};

class Catalog {
 public:
  // Checks every rule and builds the lookups. On failure returns
  // INVALID_ARGUMENT listing every problem; `problems`, when given, receives
  // them one by one. Paths are JSON paths into the equivalent document.
  static absl::StatusOr<Catalog> from_data(CatalogData data, std::vector<Problem>* problems = nullptr);

  // Loads an "onetrip/1" JSON document. Every problem is reported, each with
  // its JSON path; a failed load returns no catalogue. Progress: phases
  // "read" (bytes of the document) and "check" (one step: the rules and lookups).
  static absl::StatusOr<Catalog> load_json(std::string_view json, std::vector<Problem>* problems = nullptr,
                                           const ProgressCallback& progress = {});
  static absl::StatusOr<Catalog> load_file(const std::string& path, std::vector<Problem>* problems = nullptr,
                                           const ProgressCallback& progress = {});

  // The canonical JSON: load(save(c)) == c, and save(load(save(c))) is
  // byte-identical to save(c).
  std::string save_json() const;
  // save_json() written to `out` piece by piece, never held whole: a
  // 10^6-matter catalogue is saved in memory independent of its size. Returns
  // DATA_LOSS when the stream fails.
  absl::Status write_json(std::ostream& out) const;

  // A binary snapshot of this catalogue (docs/catalog-format.md, "Binary
  // snapshot"): versioned, little-endian, checksummed, holding the tables as
  // they are, so that load_snapshot builds the catalogue without checking
  // its rules again. Not an interchange format: the JSON is.
  std::string save_snapshot() const;
  // save_snapshot() written to a file; NOT_FOUND naming the path when it cannot be written.
  absl::Status save_snapshot_file(const std::string& path) const;
  // The catalogue a snapshot holds, equal to the one saved. A snapshot of
  // another format version, with a bad checksum, truncated, or whose lengths,
  // indices or values are out of range is refused (INVALID_ARGUMENT, or
  // FAILED_PRECONDITION for another version, naming what and where), never
  // read in part. Every byte is checked here; the matters of each chunk of
  // MatterList::kChunkSize are built from a kept copy of the bytes when one
  // of them is first read (docs/catalog-format.md, "What loading checks").
  // A large snapshot is read with a second thread. `bytes` must not change
  // during the call.
  static absl::StatusOr<Catalog> load_snapshot(std::string_view bytes);
  static absl::StatusOr<Catalog> load_snapshot_file(const std::string& path);
  // Whether these bytes (a file's first ones, at least 8) begin as a snapshot
  // of any version does, rather than as JSON.
  static bool is_snapshot(std::string_view bytes);

  // A copy of everything, as plain values: to edit and build anew with from_data.
  CatalogData to_data() const;

  // The catalogue in force on `day`: the matters whose validity period
  // (effective_from .. effective_until) does not hold that day leave it, with
  // their places in bundles (a bundle left with no member leaves too); so do
  // the bundles whose own period does not hold. Of the matters that stay, a
  // material use outside its period leaves, a fee outside its period is
  // cleared and a channel outside its period is turned off; the other matters
  // are shared with this catalogue. When everything is in force it is this
  // catalogue, shared whole. Dated reforms are applied by onetrip::as_of
  // (onetrip/roadmap.hpp).
  absl::StatusOr<Catalog> as_of(Date day) const;
  // Whether `m` is in force on `day` by its own validity period.
  static bool in_force(const Matter& m, Date day);
  // Whether anything in the catalogue carries a validity date (a matter, a
  // material use, a fee, a channel, a bundle): then the evaluations that take
  // an acceptance or start date read the catalogue in force that day. Known
  // when the catalogue is built: asking costs nothing.
  bool dated() const;

  const std::string& name() const;
  absl::Span<const Hall> halls() const;
  absl::Span<const Department> departments() const;
  absl::Span<const Material> materials() const;
  MatterList matters() const;
  absl::Span<const Bundle> bundles() const;

  std::optional<HallIndex> find_hall(std::string_view id) const;
  std::optional<DepartmentIndex> find_department(std::string_view id) const;
  std::optional<MaterialIndex> find_material(std::string_view id) const;
  std::optional<MatterIndex> find_matter(std::string_view code) const;
  std::optional<BundleIndex> find_bundle(std::string_view id) const;

  // A bundle's member positions in an order where every edge goes forward
  // (computed once, with Boost.Graph, when the catalogue is built).
  absl::Span<const uint32_t> topological_order(BundleIndex bundle) const;

  // Equal when everything they hold is.
  friend bool operator==(const Catalog& a, const Catalog& b);
  friend bool operator!=(const Catalog& a, const Catalog& b) { return !(a == b); }

  // The library's own representation and precomputed tables
  // (lib/catalog_internal.hpp); not for users.
  struct Impl;
  const Impl& internals() const { return *impl_; }

 private:
  friend absl::StatusOr<Catalog> internal::derive(const Catalog&, internal::Derivation, std::vector<Problem>*);
  friend struct internal::SnapshotReader;
  friend absl::StatusOr<Catalog> internal::build_catalog(CatalogData, internal::MatterBlocks,
                                                         std::shared_ptr<internal::CodeIndex>, std::vector<Problem>*);
  explicit Catalog(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

// The names used in the JSON format, for messages and other surfaces.
const char* to_string(HallKind v);
const char* to_string(MaterialForm v);
const char* to_string(MaterialSource v);
const char* to_string(Necessity v);
const char* to_string(MatterKind v);  // the Chinese name, e.g. "行政许可"
const char* to_string(ProjectType v);
const char* to_string(FeeKind v);
const char* to_string(SpecialKind v);  // the article's word, e.g. "专家评审"; "other"
// The kind a procedure's name says, when it is the article's own word
// ("专家评审" → kExpertReview); kOther for any other name.
SpecialKind special_kind_named(std::string_view name);
const char* to_string(JointHandling v);
const char* to_string(LimitUnit v);
const char* to_string(OnlineApplication v);
const char* to_string(EdgeKind v);
const char* to_string(Acceptance v);
const char* to_string(Results v);
const char* to_string(DatedField v);  // the JSON's key, e.g. "is_express"

}  // namespace onetrip

#endif  // ONETRIP_CATALOG_HPP_
