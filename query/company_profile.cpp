#include "query/company_profile.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

#include "query/dimensions.h"
#include "query/related.h"
#include "query/store.h"
#include "schema/index_layout.h"
#include "schema/record_json.h"

namespace seedgraph {
namespace {

constexpr size_t kRecent = 5;
constexpr Xapian::doccount kMaxPerMember = 5000;  // records read per member id

CitedRecord Cite(const Hit& h, const std::string& rel) {
  return {h.id, h.type, rel, h.date, h.title.ja.empty() ? h.title.en : h.title.ja, 0};
}

// The rel by which `record` names one of `members` ("" when none does).
std::string RelTo(const Record& record, const std::vector<std::string>& members) {
  for (const Link& l : record.links) {
    if (std::find(members.begin(), members.end(), l.to) != members.end()) return l.rel;
  }
  return "";
}

std::string ClassName(const std::string& attrs_json) { return AttrString(attrs_json, "class_name"); }

void Count(const Hit& h, const Record& rec, const std::string& rel, ProfileGroup* g) {
  ++g->count;
  if (!h.date.empty()) {
    if (g->first_date.empty() || h.date < g->first_date) g->first_date = h.date;
    if (h.date > g->last_date) g->last_date = h.date;
  }
  for (const auto& m : h.modalities) ++g->modalities[m];
  for (const auto& a : h.disease_areas) ++g->disease_areas[a];
  if (h.type == "drug") {
    const std::string c = ClassName(rec.attrs_json);
    if (!c.empty()) ++g->classes[c];
  }
  g->recent.push_back(Cite(h, rel));
  std::sort(g->recent.begin(), g->recent.end(),
            [](const CitedRecord& a, const CitedRecord& b) { return a.date != b.date ? a.date > b.date : a.id < b.id; });
  if (g->recent.size() > kRecent) g->recent.pop_back();
}

void Collect(const IndexView& view, const CompanyInfo& c, Role role, CompanyProfile* out) {
  std::map<std::string, ProfileGroup> groups;
  for (const std::string& member : c.members) {
    // Newest first then by id: the cut at kMaxPerMember is the same over any layout.
    Xapian::MSet mset = NewestWithTerm(view, MakeTerm(prefix::kLinkAny, member), kMaxPerMember);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const Xapian::Document doc = it.get_document();
      if (!MayView(role, doc.get_value(kSlotVisibility))) continue;
      const Record rec = DecodeStoredRecord(doc.get_data());
      if (rec.id.empty()) continue;
      const std::string rel = RelTo(rec, c.members);
      if (rel == "same_as") continue;
      const Hit h = HitFromDoc(doc);
      if (rel == "part_of") {
        out->subsidiaries.push_back(Cite(h, rel));
        continue;
      }
      ProfileGroup& g = groups[h.type];
      g.type = h.type;
      Count(h, rec, rel, &g);
    }
  }
  for (auto& [type, g] : groups) out->groups.push_back(std::move(g));
  std::sort(out->groups.begin(), out->groups.end(), [](const ProfileGroup& a, const ProfileGroup& b) {
    return a.count != b.count ? a.count > b.count : a.type < b.type;
  });
}

void Parents(Xapian::Database& db, const CompanyInfo& c, Role role, CompanyProfile* out) {
  for (const std::string& member : c.members) {
    const Xapian::docid did = FindDocid(db, member);
    if (did == 0) continue;
    const Record rec = DecodeStoredRecord(db.get_document(did).get_data());
    if (rec.id.empty()) continue;
    for (const Link& l : rec.links) {
      if (l.rel != "part_of") continue;
      const Xapian::docid pd = FindDocid(db, l.to);
      if (pd == 0) {
        out->parents.push_back({l.to, "", l.rel, "", "", 0});
        continue;
      }
      const Xapian::Document doc = db.get_document(pd);
      if (MayView(role, doc.get_value(kSlotVisibility))) out->parents.push_back(Cite(HitFromDoc(doc), l.rel));
    }
  }
}

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void Str(Writer* w, const char* k, const std::string& v) {
  w->Key(k);
  w->String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
}

void Counts(Writer* w, const char* k, const std::map<std::string, size_t>& m) {
  w->Key(k);
  w->StartObject();
  for (const auto& [code, n] : m) {
    w->Key(code.c_str(), static_cast<rapidjson::SizeType>(code.size()));
    w->Uint64(n);
  }
  w->EndObject();
}

void Cited(Writer* w, const char* k, const std::vector<CitedRecord>& list) {
  w->Key(k);
  w->StartArray();
  for (const auto& r : list) {
    w->StartObject();
    Str(w, "id", r.id);
    Str(w, "type", r.type);
    Str(w, "rel", r.rel);
    Str(w, "title", r.title);
    if (!r.date.empty()) Str(w, "date", r.date);
    w->EndObject();
  }
  w->EndArray();
}

}  // namespace

Result<CompanyProfile> ProfileOf(IndexView& view, const std::string& id) {
  Xapian::Database& db = view.db();
  const Role role = view.role();
  try {
    CompanyBook book(view);
    const CompanyInfo* c = book.Company(id);
    if (c == nullptr) return Status::NotFound("no company " + id);
    CompanyProfile out;
    out.company = *c;
    Collect(view, *c, role, &out);
    Parents(db, *c, role, &out);
    return out;
  } catch (const Xapian::Error& e) {
    return ReadError(e, "profile");
  }
}

std::string CompanyProfileJson(const CompanyProfile& p) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  Str(&w, "id", p.company.canonical);
  w.Key("names");
  w.StartArray();
  for (const auto& n : p.company.names) w.String(n.c_str(), static_cast<rapidjson::SizeType>(n.size()));
  w.EndArray();
  w.Key("members");
  w.StartArray();
  for (const auto& m : p.company.members) w.String(m.c_str(), static_cast<rapidjson::SizeType>(m.size()));
  w.EndArray();
  w.Key("groups");
  w.StartArray();
  size_t evidence = 0;
  for (const auto& g : p.groups) {
    if (g.type == "patent" || g.type == "drug" || g.type == "trial" || g.type == "topic") evidence += g.count;
    w.StartObject();
    Str(&w, "type", g.type);
    w.Key("count");
    w.Uint64(g.count);
    if (!g.first_date.empty()) Str(&w, "first_date", g.first_date);
    if (!g.last_date.empty()) Str(&w, "last_date", g.last_date);
    Counts(&w, "modalities", g.modalities);
    Counts(&w, "disease_areas", g.disease_areas);
    if (!g.classes.empty()) Counts(&w, "classes", g.classes);
    Cited(&w, "recent", g.recent);
    w.EndObject();
  }
  w.EndArray();
  Cited(&w, "parents", p.parents);
  Cited(&w, "subsidiaries", p.subsidiaries);
  if (evidence == 0) {
    Str(&w, "note", "この企業の特許・医薬品・治験・導出の記録は読み込まれていません / no patent, drug, trial or handover of "
                    "this company is loaded: its profile rests on nothing yet");
  }
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace seedgraph
