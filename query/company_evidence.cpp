#include "query/company_evidence.h"

#include <algorithm>

#include "query/dimensions.h"
#include "query/related.h"
#include "query/store.h"
#include "schema/index_layout.h"
#include "schema/record_json.h"

namespace seedgraph {
namespace {

bool StartsWith(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }

// Which member answers for the group: the 法人番号 record (EDINET), then
// ROR's, then any other, each in id order.
int CanonicalRank(const std::string& id) {
  if (StartsWith(id, "company:corp:")) return 0;
  if (StartsWith(id, "company:ror:")) return 1;
  return 2;
}

bool BeforeAsCanonical(const std::string& a, const std::string& b) {
  const int ra = CanonicalRank(a), rb = CanonicalRank(b);
  return ra != rb ? ra < rb : a < b;
}

void AddName(const std::string& name, std::vector<std::string>* names) {
  if (!name.empty() && std::find(names->begin(), names->end(), name) == names->end()) names->push_back(name);
}

}  // namespace

const CompanyInfo* CompanyBook::Company(const std::string& id) {
  if (auto it = canonical_of_.find(id); it != canonical_of_.end()) {
    return it->second.empty() ? nullptr : &companies_[it->second];
  }
  canonical_of_[id] = "";
  const Xapian::docid did = FindDocid(db_, id);
  return did == 0 ? nullptr : CompanyAt(did, id);
}

// `did` is the record of `id` when id is known, else "" (read from the record).
const CompanyInfo* CompanyBook::CompanyAt(Xapian::docid did, const std::string& known_id) {
  const Xapian::Document doc = db_.get_document(did);
  if (doc.get_value(kSlotType) != "company" || !MayView(role_, doc.get_value(kSlotVisibility))) return nullptr;
  const Record rec = DecodeStoredRecord(doc.get_data());
  if (rec.id.empty()) return nullptr;
  const std::string id = known_id.empty() ? rec.id : known_id;
  if (known_id.empty()) {
    if (auto it = canonical_of_.find(id); it != canonical_of_.end()) {
      return it->second.empty() ? nullptr : &companies_[it->second];
    }
  }
  // The group: every visible company record this one reaches through
  // same_as links (the whole chain, so that the group and its canonical id
  // do not depend on which member is read first), at most kMaxGroup.
  constexpr size_t kMaxGroup = 32;
  std::vector<std::pair<std::string, Record>> group{{id, rec}};
  for (size_t next = 0; next < group.size() && group.size() < kMaxGroup; ++next) {
    const std::vector<Link> links = group[next].second.links;  // group may grow below
    for (const Link& l : links) {
      if (l.rel != "same_as" || !StartsWith(l.to, "company:") || group.size() >= kMaxGroup) continue;
      if (std::any_of(group.begin(), group.end(), [&l](const auto& g) { return g.first == l.to; })) continue;
      const Xapian::docid pd = FindDocid(db_, l.to);
      if (pd == 0) continue;
      const Xapian::Document partner = db_.get_document(pd);
      if (partner.get_value(kSlotType) != "company" || !MayView(role_, partner.get_value(kSlotVisibility))) continue;
      Record pr = DecodeStoredRecord(partner.get_data());
      if (!pr.id.empty()) group.emplace_back(l.to, std::move(pr));
    }
  }
  std::sort(group.begin(), group.end(),
            [](const auto& a, const auto& b) { return BeforeAsCanonical(a.first, b.first); });
  const std::string canonical = group.front().first;
  CompanyInfo& info = companies_[canonical];
  if (info.canonical.empty()) {
    info.canonical = canonical;
    info.hit = HitFromDoc(db_.get_document(FindDocid(db_, canonical)));
    info.visible = true;
  }
  for (const auto& [member, r] : group) {
    if (std::find(info.members.begin(), info.members.end(), member) == info.members.end()) {
      info.members.push_back(member);
    }
    AddName(r.title.ja, &info.names);
    AddName(r.title.en, &info.names);
    canonical_of_[member] = canonical;
  }
  canonical_of_[id] = canonical;
  return &info;
}

const std::vector<CompanyBook::Party>& CompanyBook::PartiesOf(Xapian::docid did) {
  if (auto it = parties_.find(did); it != parties_.end()) return it->second;
  std::vector<Party>& out = parties_[did];
  // kSlotParties ("<rel> <company id>" each) says it without decoding the record.
  for (const std::string& party : SplitValues(db_.get_document(did, Xapian::DOC_ASSUME_VALID).get_value(kSlotParties))) {
    const size_t space = party.find(' ');
    if (space == std::string::npos) continue;
    const CompanyInfo* c = Company(party.substr(space + 1));
    if (c == nullptr) continue;
    const bool seen = std::any_of(out.begin(), out.end(), [&c](const Party& p) { return p.company == c->canonical; });
    if (!seen) out.push_back({c->canonical, party.substr(0, space)});
  }
  return out;
}

bool CompanyBook::NamesVisibleCompany(const Xapian::Document& doc) {
  for (const std::string& party : SplitValues(doc.get_value(kSlotParties))) {
    const size_t space = party.find(' ');
    if (space != std::string::npos && Company(party.substr(space + 1)) != nullptr) return true;
  }
  return false;
}

const std::vector<std::string>& CompanyBook::InIndustries(const std::set<std::string>& industries) {
  std::string key;
  for (const auto& i : industries) key += i + '\n';
  if (auto it = in_industries_.find(key); it != in_industries_.end()) return it->second;
  std::vector<std::string>& out = in_industries_[key];
  std::vector<Xapian::Query> terms;
  for (const auto& i : industries) terms.emplace_back(MakeTerm(prefix::kKeyword, i));
  if (terms.empty()) return out;
  Xapian::Enquire enquire(db_);
  const Xapian::Query companies(Xapian::Query::OP_FILTER, Xapian::Query(MakeTerm(prefix::kType, "company")),
                                VisibleFilter(role_));
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                                  companies));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::MSet mset = enquire.get_mset(0, 500);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const CompanyInfo* c = CompanyAt(*it, "");
    if (c != nullptr && std::find(out.begin(), out.end(), c->canonical) == out.end()) out.push_back(c->canonical);
  }
  return out;
}

Xapian::doccount CompanyBook::Activity(const CompanyInfo& company) {
  Xapian::doccount n = 0;
  for (const auto& m : company.members) n += db_.get_termfreq(MakeTerm(prefix::kLinkAny, m));
  return n;
}

}  // namespace seedgraph
