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

// kSlotParties ("<rel> <company id>" each): who a record names, without
// decoding it.  (rel, company id) pairs.
std::vector<std::pair<std::string, std::string>> NamedParties(const Xapian::Document& doc) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& party : SplitValues(doc.get_value(kSlotParties))) {
    const size_t space = party.find(' ');
    if (space != std::string::npos) out.emplace_back(party.substr(0, space), party.substr(space + 1));
  }
  return out;
}

void AddName(const std::string& name, std::vector<std::string>* names) {
  if (!name.empty() && std::find(names->begin(), names->end(), name) == names->end()) names->push_back(name);
}

}  // namespace

const CompanyInfo* CompanyBook::Company(const std::string& id) {
  if (auto it = canonical_of_.find(id); it == canonical_of_.end()) Prefetch({id});
  const std::string& canonical = canonical_of_.at(id);
  return canonical.empty() ? nullptr : &companies_[canonical];
}

void CompanyBook::Prefetch(const std::vector<std::string>& ids) {
  std::vector<std::string> unknown;
  for (const std::string& id : ids) {
    if (canonical_of_.emplace(id, "").second) unknown.push_back(id);
  }
  if (unknown.empty()) return;
  auto docs = ReadByIds(db_, unknown);
  std::vector<std::pair<std::string, StoredDoc>> found;
  for (const std::string& id : unknown) {
    auto it = docs.find(id);
    if (it != docs.end()) found.emplace_back(id, std::move(it->second));
  }
  CompaniesFrom(found);
}

// Reads the groups of these company records into the book.  The group of
// one: every visible company record it reaches through same_as links (the
// whole chain, so that the group and its canonical id do not depend on which
// member is read first), at most kMaxGroup.  The chains are followed
// together, one read per step for all of them.
void CompanyBook::CompaniesFrom(const std::vector<std::pair<std::string, StoredDoc>>& records) {
  constexpr size_t kMaxGroup = 32;
  auto is_company = [this](const Xapian::Document& doc) {
    return doc.get_value(kSlotType) == "company" && MayView(role_, doc.get_value(kSlotVisibility));
  };
  struct Walk {
    std::string id;
    std::vector<std::pair<std::string, Record>> group;
  };
  // The same_as partners of a group's members that are not in it yet.
  auto partners_of = [](const Walk& w) {
    std::vector<std::string> out;
    for (const auto& member : w.group) {
      for (const Link& l : member.second.links) {
        if (l.rel != "same_as" || !StartsWith(l.to, "company:")) continue;
        if (std::any_of(w.group.begin(), w.group.end(), [&l](const auto& g) { return g.first == l.to; })) continue;
        if (std::find(out.begin(), out.end(), l.to) == out.end()) out.push_back(l.to);
      }
    }
    return out;
  };
  std::vector<Walk> walks;
  for (const auto& [id, d] : records) {
    if (is_company(d.doc)) walks.push_back({id, {{id, d.record}}});
  }
  for (bool grew = true; grew;) {
    grew = false;
    std::vector<std::vector<std::string>> wanted;
    std::vector<std::string> all;
    for (const Walk& w : walks) {
      wanted.push_back(w.group.size() < kMaxGroup ? partners_of(w) : std::vector<std::string>{});
      all.insert(all.end(), wanted.back().begin(), wanted.back().end());
    }
    if (all.empty()) break;
    const auto read = ReadByIds(db_, all);
    for (size_t i = 0; i < walks.size(); ++i) {
      for (const std::string& partner : wanted[i]) {
        auto it = read.find(partner);
        if (walks[i].group.size() >= kMaxGroup || it == read.end() || !is_company(it->second.doc)) continue;
        walks[i].group.emplace_back(partner, it->second.record);
        grew = true;
      }
    }
  }
  // In the batch's order, as one lookup after another would: an id that an
  // earlier group claimed is answered by it (a chain over kMaxGroup, or
  // one-way links, could otherwise give one company two groups).
  for (Walk& w : walks) {
    if (canonical_of_[w.id].empty()) AddGroup(w.id, &w.group);
  }
}

void CompanyBook::AddGroup(const std::string& id, std::vector<std::pair<std::string, Record>>* group) {
  std::sort(group->begin(), group->end(),
            [](const auto& a, const auto& b) { return BeforeAsCanonical(a.first, b.first); });
  const std::string canonical = group->front().first;
  CompanyInfo& info = companies_[canonical];
  if (info.canonical.empty()) {
    info.canonical = canonical;
    info.hit = HitFromRecord(Record(group->front().second));
    info.visible = true;
  }
  for (const auto& [member, r] : *group) {
    if (std::find(info.members.begin(), info.members.end(), member) == info.members.end()) {
      info.members.push_back(member);
      activity_.erase(canonical);  // counted over the members: count again
    }
    AddName(r.title.ja, &info.names);
    AddName(r.title.en, &info.names);
    canonical_of_[member] = canonical;
  }
  canonical_of_[id] = canonical;
}

const std::vector<CompanyBook::Party>& CompanyBook::PartiesOf(Xapian::docid did) {
  if (auto it = parties_.find(did); it != parties_.end()) return it->second;
  return PartiesOf(did, db_.get_document(did, Xapian::DOC_ASSUME_VALID));
}

const std::vector<CompanyBook::Party>& CompanyBook::PartiesOf(Xapian::docid did, const Xapian::Document& doc) {
  if (auto it = parties_.find(did); it != parties_.end()) return it->second;
  std::vector<Party>& out = parties_[did];
  const auto named = NamedParties(doc);
  std::vector<std::string> ids;
  for (const auto& n : named) ids.push_back(n.second);
  Prefetch(ids);
  for (const auto& [rel, id] : named) {
    const CompanyInfo* c = Company(id);
    if (c == nullptr) continue;
    const bool seen = std::any_of(out.begin(), out.end(), [&c](const Party& p) { return p.company == c->canonical; });
    if (!seen) out.push_back({c->canonical, rel});
  }
  return out;
}

void CompanyBook::PrefetchParties(const std::vector<Xapian::Document>& docs) {
  std::vector<std::string> ids;
  for (const Xapian::Document& doc : docs) {
    for (const auto& named : NamedParties(doc)) ids.push_back(named.second);
  }
  Prefetch(ids);
}

bool CompanyBook::NamesVisibleCompany(const Xapian::Document& doc) {
  const auto named = NamedParties(doc);
  return std::any_of(named.begin(), named.end(), [this](const auto& n) { return Company(n.second) != nullptr; });
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
  Xapian::MSet mset = enquire.get_mset(0, 500);
  FetchAll(mset);
  std::vector<std::string> ids;
  std::vector<std::pair<std::string, StoredDoc>> unread;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    StoredDoc d = ReadStored(*it, it.get_document());
    if (d.record.id.empty()) continue;
    ids.push_back(d.record.id);
    if (canonical_of_.emplace(d.record.id, "").second) unread.emplace_back(d.record.id, std::move(d));
  }
  CompaniesFrom(unread);
  for (const std::string& id : ids) {
    const std::string& canonical = canonical_of_[id];
    if (!canonical.empty() && std::find(out.begin(), out.end(), canonical) == out.end()) out.push_back(canonical);
  }
  return out;
}

Xapian::doccount CompanyBook::Activity(const CompanyInfo& company) {
  if (auto it = activity_.find(company.canonical); it != activity_.end()) return it->second;
  PrefetchActivity({&company});
  return activity_.at(company.canonical);
}

void CompanyBook::PrefetchActivity(const std::vector<const CompanyInfo*>& companies) {
  std::vector<std::string> terms;
  for (const CompanyInfo* c : companies) {
    if (activity_.count(c->canonical)) continue;
    for (const auto& m : c->members) terms.push_back(MakeTerm(prefix::kLinkAny, m));
  }
  const auto freqs = TermFreqs(db_, terms, remote_);
  for (const CompanyInfo* c : companies) {
    if (activity_.count(c->canonical)) continue;
    Xapian::doccount n = 0;
    for (const auto& m : c->members) n += freqs.at(MakeTerm(prefix::kLinkAny, m));
    activity_[c->canonical] = n;
  }
}

}  // namespace seedgraph
