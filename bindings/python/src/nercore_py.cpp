// SPDX-License-Identifier: MIT
// File: nercore_py.cpp
// The extension module nercore._core: Pipeline, Document and its parts, GraphBuilder and
// NercoreError. The pure-Python package nercore (bindings/python/nercore/__init__.py) re-exports it
// and adds what is simpler in Python (finding the bundled gazetteers, to_networkx).
//
// Offsets: the library's spans are UTF-8 byte offsets into the input; Python users index a str by
// code point. annotate() collects every offset of the document once (with the GIL released),
// converts them in one pass over the text and keeps the sorted (byte, code point) pairs, so each
// conversion is a binary search. An ASCII str needs no table at all.
//
// Lifetime: a Document holds a shared_ptr to an immutable DocData (the nercore::Document and the
// offset table); Mention, Entity, Relation, Evidence and CoOccurrence objects hold the same pointer
// and an index, so they stay valid after the Document is gone and cost nothing until read.
#include <Python.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "nercore/nercore.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace {

// ------------------------------------------------------------------------------------------------
// Errors

/// nercore.NercoreError, created at import.
PyObject* g_error_type = nullptr;

/// Sets NercoreError(e.to_string()) as the current Python error, with the attributes code ("N001"),
/// message, source and line.
void set_python_error(const nercore::Error& e) {
  py::object type = py::reinterpret_borrow<py::object>(g_error_type);
  py::object exc = type(e.to_string());
  exc.attr("code") = nercore::error_code_id(e.code);
  exc.attr("message") = e.message;
  exc.attr("source") = e.source;
  exc.attr("line") = e.line;
  PyErr_SetObject(g_error_type, exc.ptr());
}

[[noreturn]] void raise_error(const nercore::Error& e) {
  set_python_error(e);
  throw py::error_already_set();
}

[[noreturn]] void raise_error(nercore::ErrorCode code, std::string message) {
  raise_error(nercore::Error{code, std::move(message), "", 0});
}


// ------------------------------------------------------------------------------------------------
// Documents

/// An annotated document and the byte -> code point table of its offsets. Immutable once built.
struct DocData {
  nercore::Document doc;
  bool ascii = false;                 ///< the text is ASCII: code points are bytes
  std::uint32_t length = 0;           ///< length of the text in code points
  std::vector<std::uint32_t> bytes;   ///< every offset the document uses, sorted, unique
  std::vector<std::uint32_t> points;  ///< points[i]: code point offset of bytes[i]

  /// The code point offset of a byte offset of the document. O(log offsets).
  std::uint32_t cp(std::uint32_t byte) const {
    if (ascii) return byte;
    const auto it = std::lower_bound(bytes.begin(), bytes.end(), byte);
    if (it != bytes.end() && *it == byte)
      return points[static_cast<std::size_t>(it - bytes.begin())];
    return byte;  // not reached: every offset of the document is in the table
  }
  py::tuple span(nercore::Span s) const { return py::make_tuple(cp(s.begin), cp(s.end)); }
};
using DocPtr = std::shared_ptr<const DocData>;

/// Fills the offset table of `d` for `text` (valid UTF-8: it comes from a Python str).
void build_offsets(DocData& d, std::string_view text) {
  if (d.ascii) {
    d.length = static_cast<std::uint32_t>(text.size());
    return;
  }
  std::vector<std::uint32_t>& b = d.bytes;
  const nercore::Document& doc = d.doc;
  b.reserve(2 * (doc.sentences.size() + doc.mentions.size()) + 2);
  for (const nercore::Span& s : doc.sentences) b.insert(b.end(), {s.begin, s.end});
  for (const nercore::Mention& m : doc.mentions) b.insert(b.end(), {m.span.begin, m.span.end});
  for (const nercore::Relation& r : doc.relations) {
    for (const nercore::Evidence& e : r.evidence) {
      b.insert(b.end(), {e.sentence.begin, e.sentence.end, e.trigger.begin, e.trigger.end});
    }
  }
  b.push_back(static_cast<std::uint32_t>(text.size()));
  std::sort(b.begin(), b.end());
  b.erase(std::unique(b.begin(), b.end()), b.end());
  d.points.resize(b.size());
  std::uint32_t pos = 0;
  std::uint32_t count = 0;
  for (std::size_t i = 0; i < b.size(); ++i) {
    const std::uint32_t target =
        std::min<std::uint32_t>(b[i], static_cast<std::uint32_t>(text.size()));
    for (; pos < target; ++pos) {
      // A code point starts at every byte that is not a continuation byte 10xxxxxx.
      if ((static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80) ++count;
    }
    d.points[i] = count;
  }
  d.length = count;
}

/// Conversion helpers shared by the to_dict() methods.
py::str str_of(std::string_view s) { return py::str(s.data(), s.size()); }

struct PyMention {
  DocPtr d;
  std::size_t i;
  const nercore::Mention& m() const { return d->doc.mentions[i]; }

  py::dict to_dict() const {
    const nercore::Mention& x = m();
    py::dict r;
    r["start"] = d->cp(x.span.begin);
    r["end"] = d->cp(x.span.end);
    r["text"] = x.text;
    r["kind"] = str_of(nercore::to_string(x.kind));
    r["rule"] = x.rule;
    if (!x.stands_for.empty()) r["stands_for"] = x.stands_for;
    r["entity"] = x.entity;
    r["type"] = str_of(nercore::to_string(x.type));
    return r;
  }
};

struct PyEntity {
  DocPtr d;
  std::size_t i;
  const nercore::Entity& e() const { return d->doc.entities[i]; }

  py::list mentions() const {
    py::list out;
    for (std::size_t m : e().mentions) out.append(py::cast(PyMention{d, m}));
    return out;
  }
  py::dict attributes() const {
    py::dict out;
    for (const auto& [k, v] : e().attributes) out[py::str(k)] = v;
    return out;
  }
  py::dict to_dict() const {
    const nercore::Entity& x = e();
    py::dict r;
    r["id"] = x.id;
    r["type"] = str_of(nercore::to_string(x.type));
    r["name"] = x.name;
    r["known"] = x.known;
    py::list ms;
    for (std::size_t m : x.mentions) ms.append(PyMention{d, m}.to_dict());
    r["mentions"] = ms;
    if (!x.attributes.empty()) r["attributes"] = attributes();
    return r;
  }
};

struct PyEvidence {
  DocPtr d;
  std::size_t r;
  std::size_t i;
  const nercore::Evidence& e() const { return d->doc.relations[r].evidence[i]; }

  py::dict to_dict() const {
    const nercore::Evidence& x = e();
    py::dict out;
    // Lists, as in the JSON; the sentence and trigger properties are tuples.
    out["sentence"] = py::list(d->span(x.sentence));
    out["trigger"] = py::list(d->span(x.trigger));
    out["modality"] = str_of(nercore::to_string(x.modality));
    out["text"] = x.text;
    return out;
  }
};

struct PyRelation {
  DocPtr d;
  std::size_t i;
  const nercore::Relation& r() const { return d->doc.relations[i]; }

  py::list evidence() const {
    py::list out;
    for (std::size_t k = 0; k < r().evidence.size(); ++k) out.append(py::cast(PyEvidence{d, i, k}));
    return out;
  }
  py::dict to_dict() const {
    const nercore::Relation& x = r();
    py::dict out;
    out["source"] = x.source;
    out["target"] = x.target;
    out["type"] = str_of(nercore::to_string(x.type));
    out["modality"] = str_of(nercore::to_string(x.modality));
    out["cameo"] = x.cameo;
    out["goldstein"] = x.goldstein;
    out["sign"] = x.sign() > 0 ? "cooperative" : "conflictual";
    out["confidence"] = x.confidence;
    out["trigger_id"] = x.trigger_id;
    if (!x.reported_by.empty()) out["reported_by"] = x.reported_by;
    py::list ev;
    for (std::size_t k = 0; k < x.evidence.size(); ++k) ev.append(PyEvidence{d, i, k}.to_dict());
    out["evidence"] = ev;
    return out;
  }
};

struct PyCoOccurrence {
  DocPtr d;
  std::size_t i;
  const nercore::CoOccurrence& c() const { return d->doc.cooccurrences[i]; }
  py::dict to_dict() const { return py::dict("a"_a = c().a, "b"_a = c().b, "count"_a = c().count); }
};

struct PyDocument {
  DocPtr d;

  template <typename T, typename V>
  py::list items(const V& v) const {
    py::list out;
    for (std::size_t i = 0; i < v.size(); ++i) out.append(py::cast(T{d, i}));
    return out;
  }
  py::list sentences() const {
    py::list out;
    for (const nercore::Span& s : d->doc.sentences) out.append(d->span(s));
    return out;
  }
  py::object find_entity(std::string_view id) const {
    const auto& es = d->doc.entities;
    for (std::size_t i = 0; i < es.size(); ++i) {
      if (es[i].id == id) return py::cast(PyEntity{d, i});
    }
    return py::none();
  }
  py::dict to_dict() const {
    const nercore::Document& doc = d->doc;
    py::dict r;
    r["doc"] = doc.id;
    if (!doc.date.empty()) r["date"] = doc.date;
    r["bytes"] = doc.bytes;
    py::list ents;
    for (std::size_t i = 0; i < doc.entities.size(); ++i) ents.append(PyEntity{d, i}.to_dict());
    r["entities"] = ents;
    py::list rels;
    for (std::size_t i = 0; i < doc.relations.size(); ++i) rels.append(PyRelation{d, i}.to_dict());
    r["relations"] = rels;
    py::list co;
    for (std::size_t i = 0; i < doc.cooccurrences.size(); ++i) {
      co.append(PyCoOccurrence{d, i}.to_dict());
    }
    r["cooccurrences"] = co;
    return r;
  }
  std::string to_json(bool evidence, bool cooccurrences) const {
    nercore::JsonOptions o;
    o.evidence = evidence;
    o.cooccurrences = cooccurrences;
    return nercore::to_json(d->doc, o);
  }
};

// ------------------------------------------------------------------------------------------------
// Pipeline

/// A Pipeline and the directory it was loaded from (for repr and pickling).
struct PyPipeline {
  nercore::Pipeline pipeline;
  std::string directory;
  std::string gazetteer_cache;  // "" for none

  static PyPipeline from_directory(const std::filesystem::path& dir, const std::optional<std::filesystem::path>& cache) {
    nercore::DirectoryOptions options;
    if (cache) options.gazetteer_cache = *cache;
    nercore::Result<nercore::Pipeline> p = [&] {
      py::gil_scoped_release release;
      return nercore::Pipeline::from_directory(dir, options);
    }();
    if (!p) raise_error(p.error());
    return PyPipeline{std::move(p).value(), dir.string(), options.gazetteer_cache.string()};
  }

  PyDocument annotate(const py::str& text, const std::string& doc_id,
                      const std::string& date) const {
    check_date(date);
    const Utf8 u = utf8_of(text, "text");
    // `text` is kept alive by the caller's reference; its UTF-8 buffer does not move.
    py::gil_scoped_release release;
    return document(pipeline.annotate(u.view, doc_id, date), u);
  }

  /// Several texts at once, stage by stage (Pipeline::annotate_many): the same documents as one
  /// annotate() per text, faster on batches of tens of articles.
  std::vector<PyDocument> annotate_many(const std::vector<py::str>& texts,
                                        const std::optional<std::vector<std::string>>& doc_ids,
                                        const std::string& date) const {
    check_date(date);
    if (doc_ids && doc_ids->size() != texts.size()) {
      raise_error(nercore::ErrorCode::invalid_argument,
                  std::to_string(texts.size()) + " texts but " + std::to_string(doc_ids->size()) + " doc_ids");
    }
    // `texts` holds a reference to every str (a copy of the list's), so that their UTF-8 buffers
    // stay put while the GIL is released, whatever other threads do to the caller's list.
    std::vector<Utf8> utf8;
    std::vector<nercore::Pipeline::Text> batch;
    for (std::size_t i = 0; i < texts.size(); ++i) {
      utf8.push_back(utf8_of(texts[i], "text " + std::to_string(i)));
      batch.push_back({utf8.back().view, doc_ids ? std::string_view((*doc_ids)[i]) : std::string_view(), date});
    }
    std::vector<PyDocument> out;
    out.reserve(texts.size());
    py::gil_scoped_release release;
    std::vector<nercore::Document> docs = pipeline.annotate_many(batch);
    for (std::size_t i = 0; i < docs.size(); ++i) out.push_back(document(std::move(docs[i]), utf8[i]));
    return out;
  }

 private:
  /// The UTF-8 bytes of a str (cached by the str itself: no copy) and whether it is ASCII.
  struct Utf8 {
    std::string_view view;
    bool ascii = false;
  };
  static void check_date(const std::string& date) {
    if (!date.empty() && !nercore::is_valid_date(date)) {
      raise_error(nercore::ErrorCode::bad_date, "date '" + date + "' is not YYYY-MM-DD");
    }
  }
  /// Fails on lone surrogates and on 4 GiB or more (`what` names the text in the message).
  static Utf8 utf8_of(const py::str& text, const std::string& what) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(text.ptr(), &size);
    if (data == nullptr) throw py::error_already_set();
    if (static_cast<std::uint64_t>(size) > std::numeric_limits<std::uint32_t>::max()) {
      raise_error(nercore::ErrorCode::invalid_argument,
                  what + " of " + std::to_string(size) + " bytes: the limit is 4 GiB");
    }
    return {std::string_view(data, static_cast<std::size_t>(size)), PyUnicode_IS_ASCII(text.ptr()) != 0};
  }
  /// The Python document of `doc`, with its byte -> code point table (called without the GIL).
  static PyDocument document(nercore::Document doc, const Utf8& text) {
    auto d = std::make_shared<DocData>();
    d->doc = std::move(doc);
    d->ascii = text.ascii;
    build_offsets(*d, text.view);
    return PyDocument{std::move(d)};
  }
};

// ------------------------------------------------------------------------------------------------
// Graph

nercore::GraphFilter make_filter(const std::optional<std::vector<std::string>>& types,
                                 const std::optional<std::vector<std::string>>& modalities,
                                 std::uint32_t min_documents, bool cooccurrence) {
  nercore::GraphFilter f;
  for (const std::string& t : types.value_or(std::vector<std::string>{})) {
    const auto parsed = nercore::parse_relation_type(t);
    if (!parsed) raise_error(nercore::ErrorCode::unknown_type, "unknown relation type '" + t + "'");
    f.types.push_back(*parsed);
  }
  for (const std::string& m : modalities.value_or(std::vector<std::string>{})) {
    const auto parsed = nercore::parse_modality(m);
    if (!parsed) raise_error(nercore::ErrorCode::unknown_type, "unknown modality '" + m + "'");
    f.modalities.push_back(*parsed);
  }
  f.min_documents = min_documents;
  f.cooccurrence = cooccurrence;
  return f;
}

std::string graphml_of(const nercore::ActorGraph& g, const nercore::GraphFilter& f) {
  std::ostringstream out;
  g.write_graphml(out, f);
  return std::move(out).str();
}

nercore::ActorGraph graph_from_graphml(const std::string& xml, std::string_view source) {
  std::istringstream in(xml);
  nercore::Result<nercore::ActorGraph> g = nercore::ActorGraph::read_graphml(in, source);
  if (!g) raise_error(g.error());
  return std::move(g).value();
}

py::list graph_nodes(const nercore::ActorGraph& graph) {
  const nercore::ActorGraphBase& g = graph.graph();
  std::vector<const nercore::ActorNode*> nodes;
  for (auto [it, end] = boost::vertices(g); it != end; ++it) nodes.push_back(&g[*it]);
  std::sort(nodes.begin(), nodes.end(), [](auto* a, auto* b) { return a->id < b->id; });
  py::list out;
  for (const nercore::ActorNode* n : nodes) {
    out.append(py::dict("id"_a = n->id, "label"_a = n->label, "type"_a = n->type,
                        "wikidata"_a = n->wikidata, "country"_a = n->country,
                        "mentions"_a = n->mentions, "documents"_a = n->documents));
  }
  return out;
}

py::list graph_edges(const nercore::ActorGraph& graph, const nercore::GraphFilter& filter) {
  // The filter is applied by the GraphML writer; reading its output back gives the kept edges
  // without duplicating the filter's rules here.
  const bool unfiltered = filter.types.empty() && filter.modalities.empty() &&
                          filter.min_documents <= 1 && filter.cooccurrence;
  nercore::ActorGraph filtered;
  const nercore::ActorGraph* src = &graph;
  if (!unfiltered) {
    filtered = graph_from_graphml(graphml_of(graph, filter), "filtered graph");
    src = &filtered;
  }
  const nercore::ActorGraphBase& g = src->graph();
  struct Item {
    const std::string* source;
    const std::string* target;
    const nercore::ActorEdge* e;
  };
  std::vector<Item> items;
  for (auto [it, end] = boost::edges(g); it != end; ++it) {
    items.push_back({&g[boost::source(*it, g)].id, &g[boost::target(*it, g)].id, &g[*it]});
  }
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    return std::tie(*a.source, a.e->type, *a.target) < std::tie(*b.source, b.e->type, *b.target);
  });
  py::list out;
  for (const Item& item : items) {
    const nercore::ActorEdge& e = *item.e;
    py::dict d("source"_a = *item.source, "target"_a = *item.target, "type"_a = e.type,
               "cameo"_a = e.cameo, "goldstein"_a = e.goldstein, "sign"_a = e.sign,
               "documents"_a = e.documents, "mentions"_a = e.mentions);
    d["asserted"] = e.asserted;
    d["reported"] = e.reported;
    d["future"] = e.future;
    d["negated"] = e.negated;
    d["first_date"] = e.first_date;
    d["last_date"] = e.last_date;
    d["evidence"] = e.evidence;
    out.append(std::move(d));
  }
  return out;
}

std::string repr_of(const char* type, const std::string& fields) {
  return std::string("<nercore.") + type + " " + fields + ">";
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "nercore: actors and relations in French international-politics news (C++ core).";
  m.attr("__version__") = NERCORE_VERSION_STRING;
  m.def(
      "version", [] { return std::string(nercore::version()); }, "The version of the C++ library.");
#ifdef NERCORE_PYTHON_COMPILED_GAZETTEERS
  m.attr("_COMPILED_GAZETTEERS") = py::str(NERCORE_PYTHON_COMPILED_GAZETTEERS);
#else
  m.attr("_COMPILED_GAZETTEERS") = py::str("");
#endif

  g_error_type = PyErr_NewExceptionWithDoc(
      "nercore.NercoreError",
      "An error of the nercore library. str(e) is nercore::Error::to_string() "
      "(\"source:line: [N001] message\"); the attributes code (\"N001\"), message, source and "
      "line hold its parts.",
      PyExc_Exception, nullptr);
  if (g_error_type == nullptr) throw py::error_already_set();
  m.attr("NercoreError") = py::reinterpret_borrow<py::object>(g_error_type);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const nercore::Exception& e) {
      set_python_error(e.error());
    }
  });

  py::class_<PyMention>(m, "Mention", "One occurrence of an entity. Offsets are code points.")
      .def_property_readonly("start", [](const PyMention& x) { return x.d->cp(x.m().span.begin); })
      .def_property_readonly("end", [](const PyMention& x) { return x.d->cp(x.m().span.end); })
      .def_property_readonly("byte_start", [](const PyMention& x) { return x.m().span.begin; })
      .def_property_readonly("byte_end", [](const PyMention& x) { return x.m().span.end; })
      .def_property_readonly("text", [](const PyMention& x) { return x.m().text; })
      .def_property_readonly("entity", [](const PyMention& x) { return x.m().entity; })
      .def_property_readonly(
          "type", [](const PyMention& x) { return str_of(nercore::to_string(x.m().type)); })
      .def_property_readonly(
          "kind", [](const PyMention& x) { return str_of(nercore::to_string(x.m().kind)); })
      .def_property_readonly("rule", [](const PyMention& x) { return x.m().rule; })
      .def_property_readonly("stands_for", [](const PyMention& x) { return x.m().stands_for; })
      .def("to_dict", &PyMention::to_dict)
      .def("__repr__", [](const PyMention& x) {
        const nercore::Mention& mm = x.m();
        return repr_of("Mention", py::repr(py::str(mm.text)).cast<std::string>() + " " + mm.entity +
                                      " [" + std::to_string(x.d->cp(mm.span.begin)) + ", " +
                                      std::to_string(x.d->cp(mm.span.end)) + ")");
      });

  py::class_<PyEntity>(m, "Entity", "An entity of the document and its mentions.")
      .def_property_readonly("id", [](const PyEntity& x) { return x.e().id; })
      .def_property_readonly(
          "type", [](const PyEntity& x) { return str_of(nercore::to_string(x.e().type)); })
      .def_property_readonly("name", [](const PyEntity& x) { return x.e().name; })
      .def_property_readonly("known", [](const PyEntity& x) { return x.e().known; })
      .def_property_readonly("mentions", &PyEntity::mentions)
      .def_property_readonly("attributes", &PyEntity::attributes)
      .def("to_dict", &PyEntity::to_dict)
      .def("__repr__", [](const PyEntity& x) {
        return repr_of("Entity", x.e().id + " " + std::string(nercore::to_string(x.e().type)));
      });

  py::class_<PyEvidence>(m, "Evidence", "A sentence that states a relation.")
      .def_property_readonly("sentence",
                             [](const PyEvidence& x) { return x.d->span(x.e().sentence); })
      .def_property_readonly("trigger",
                             [](const PyEvidence& x) { return x.d->span(x.e().trigger); })
      .def_property_readonly("text", [](const PyEvidence& x) { return x.e().text; })
      .def_property_readonly(
          "modality",
          [](const PyEvidence& x) { return str_of(nercore::to_string(x.e().modality)); })
      .def("to_dict", &PyEvidence::to_dict)
      .def("__repr__", [](const PyEvidence& x) {
        return repr_of("Evidence", py::repr(py::str(x.e().text)).cast<std::string>());
      });

  py::class_<PyRelation>(m, "Relation", "A relation between two entities of the document.")
      .def_property_readonly("source", [](const PyRelation& x) { return x.r().source; })
      .def_property_readonly("target", [](const PyRelation& x) { return x.r().target; })
      .def_property_readonly(
          "type", [](const PyRelation& x) { return str_of(nercore::to_string(x.r().type)); })
      .def_property_readonly(
          "modality",
          [](const PyRelation& x) { return str_of(nercore::to_string(x.r().modality)); })
      .def_property_readonly("reported_by", [](const PyRelation& x) { return x.r().reported_by; })
      .def_property_readonly("cameo", [](const PyRelation& x) { return x.r().cameo; })
      .def_property_readonly("goldstein", [](const PyRelation& x) { return x.r().goldstein; })
      .def_property_readonly("confidence", [](const PyRelation& x) { return x.r().confidence; })
      .def_property_readonly("trigger_id", [](const PyRelation& x) { return x.r().trigger_id; })
      .def_property_readonly("sign", [](const PyRelation& x) { return x.r().sign(); })
      .def_property_readonly("symmetric",
                             [](const PyRelation& x) { return nercore::is_symmetric(x.r().type); })
      .def_property_readonly("evidence", &PyRelation::evidence)
      .def("to_dict", &PyRelation::to_dict)
      .def("__repr__", [](const PyRelation& x) {
        const nercore::Relation& r = x.r();
        return repr_of("Relation", r.source + " " + std::string(nercore::to_string(r.type)) + " " +
                                       r.target + " (" +
                                       std::string(nercore::to_string(r.modality)) + ")");
      });

  py::class_<PyCoOccurrence>(m, "CoOccurrence", "Two entities named in the same sentences.")
      .def_property_readonly("a", [](const PyCoOccurrence& x) { return x.c().a; })
      .def_property_readonly("b", [](const PyCoOccurrence& x) { return x.c().b; })
      .def_property_readonly("count", [](const PyCoOccurrence& x) { return x.c().count; })
      .def("to_dict", &PyCoOccurrence::to_dict)
      .def("__repr__", [](const PyCoOccurrence& x) {
        return repr_of("CoOccurrence",
                       x.c().a + " " + x.c().b + " x" + std::to_string(x.c().count));
      });

  py::class_<PyDocument>(m, "Document", "Everything annotation found in one text.")
      .def_property_readonly("id", [](const PyDocument& x) { return x.d->doc.id; })
      .def_property_readonly("date", [](const PyDocument& x) { return x.d->doc.date; })
      .def_property_readonly("bytes", [](const PyDocument& x) { return x.d->doc.bytes; })
      .def_property_readonly("length", [](const PyDocument& x) { return x.d->length; })
      .def_property_readonly("sentences", &PyDocument::sentences)
      .def_property_readonly(
          "mentions", [](const PyDocument& x) { return x.items<PyMention>(x.d->doc.mentions); })
      .def_property_readonly(
          "entities", [](const PyDocument& x) { return x.items<PyEntity>(x.d->doc.entities); })
      .def_property_readonly(
          "relations", [](const PyDocument& x) { return x.items<PyRelation>(x.d->doc.relations); })
      .def_property_readonly(
          "cooccurrences",
          [](const PyDocument& x) { return x.items<PyCoOccurrence>(x.d->doc.cooccurrences); })
      .def("find_entity", &PyDocument::find_entity, "id"_a)
      .def("to_dict", &PyDocument::to_dict)
      .def("to_json", &PyDocument::to_json, py::kw_only(), "evidence"_a = true,
           "cooccurrences"_a = true, py::call_guard<py::gil_scoped_release>())
      .def("__repr__", [](const PyDocument& x) {
        const nercore::Document& doc = x.d->doc;
        return repr_of("Document", py::repr(py::str(doc.id)).cast<std::string>() + ": " +
                                       std::to_string(doc.entities.size()) + " entities, " +
                                       std::to_string(doc.relations.size()) + " relations");
      });

  py::class_<PyPipeline>(m, "Pipeline", "The compiled extractor. Thread-safe.")
      .def_static("from_directory", &PyPipeline::from_directory, "path"_a, "gazetteer_cache"_a = py::none(),
                  "Loads a gazetteer directory. gazetteer_cache: a snapshot file, read when it was made "
                  "from the directory's current files, else built and written (large gazetteers load many "
                  "times faster; pickled pipelines keep it, so Dask workers read it too).")
      .def_static("bundled",
                  [] {
                    const auto dir = py::module_::import("nercore").attr("bundled_gazetteers")();
                    return PyPipeline::from_directory(dir.cast<std::filesystem::path>(), std::nullopt);
                  })
      .def_property_readonly("directory", [](const PyPipeline& p) { return p.directory; })
      .def_property_readonly("gazetteer_cache", [](const PyPipeline& p) -> py::object {
        if (p.gazetteer_cache.empty()) return py::none();
        return py::str(p.gazetteer_cache);
      })
      .def("annotate", &PyPipeline::annotate, "text"_a, "doc_id"_a = "", "date"_a = "")
      .def("annotate_many", &PyPipeline::annotate_many, "texts"_a, "doc_ids"_a = py::none(), "date"_a = "",
           "Annotates a list of texts stage by stage: the documents of one annotate() per text, in "
           "order, faster on batches of tens of articles. doc_ids, if given, has one id per text.")
      .def(py::pickle([](const PyPipeline& p) { return py::make_tuple(p.directory, p.gazetteer_cache); },
                      [](const py::tuple& t) {
                        if (t.size() != 1 && t.size() != 2) throw std::runtime_error("bad Pipeline state");
                        std::optional<std::filesystem::path> cache;
                        if (t.size() == 2 && !t[1].cast<std::string>().empty()) cache = t[1].cast<std::string>();
                        return PyPipeline::from_directory(t[0].cast<std::filesystem::path>(), cache);
                      }))
      .def("__repr__", [](const PyPipeline& p) {
        return repr_of("Pipeline", py::repr(py::str(p.directory)).cast<std::string>());
      });

  py::class_<nercore::ActorGraph>(m, "GraphBuilder",
                                  "The corpus actor graph (nercore::ActorGraph). Not thread-safe.")
      .def(py::init<>())
      .def(
          "add", [](nercore::ActorGraph& g, const PyDocument& doc) { g.add(doc.d->doc); }, "doc"_a)
      .def("merge", &nercore::ActorGraph::merge, "other"_a)
      .def_property_readonly("num_nodes", &nercore::ActorGraph::num_nodes)
      .def_property_readonly("num_edges", &nercore::ActorGraph::num_edges)
      .def(
          "to_graphml",
          [](const nercore::ActorGraph& g, const std::optional<std::vector<std::string>>& types,
             const std::optional<std::vector<std::string>>& modalities, std::uint32_t min_documents,
             bool cooccurrence) {
            return graphml_of(g, make_filter(types, modalities, min_documents, cooccurrence));
          },
          py::kw_only(), "types"_a = py::none(), "modalities"_a = py::none(), "min_documents"_a = 1,
          "cooccurrence"_a = false)
      .def(
          "write_graphml",
          [](const nercore::ActorGraph& g, const std::filesystem::path& path,
             const std::optional<std::vector<std::string>>& types,
             const std::optional<std::vector<std::string>>& modalities, std::uint32_t min_documents,
             bool cooccurrence) {
            const nercore::GraphFilter f =
                make_filter(types, modalities, min_documents, cooccurrence);
            std::ofstream out(path, std::ios::binary);
            if (out) g.write_graphml(out, f);
            out.close();
            if (!out) {
              raise_error(
                  nercore::Error{nercore::ErrorCode::io, "cannot write GraphML", path.string(), 0});
            }
          },
          "path"_a, py::kw_only(), "types"_a = py::none(), "modalities"_a = py::none(),
          "min_documents"_a = 1, "cooccurrence"_a = false)
      .def_static(
          "from_graphml", [](const std::string& xml) { return graph_from_graphml(xml, "graphml"); },
          "xml"_a)
      .def_static(
          "read_graphml",
          [](const std::filesystem::path& path) {
            std::ifstream in(path, std::ios::binary);
            if (!in) {
              raise_error(
                  nercore::Error{nercore::ErrorCode::io, "cannot read GraphML", path.string(), 0});
            }
            std::ostringstream text;
            text << in.rdbuf();
            return graph_from_graphml(std::move(text).str(), path.string());
          },
          "path"_a)
      .def("nodes", &graph_nodes)
      .def(
          "edges",
          [](const nercore::ActorGraph& g, const std::optional<std::vector<std::string>>& types,
             const std::optional<std::vector<std::string>>& modalities, std::uint32_t min_documents,
             bool cooccurrence) {
            return graph_edges(g, make_filter(types, modalities, min_documents, cooccurrence));
          },
          py::kw_only(), "types"_a = py::none(), "modalities"_a = py::none(), "min_documents"_a = 1,
          "cooccurrence"_a = false)
      .def("__eq__",
           [](const nercore::ActorGraph& a, const nercore::ActorGraph& b) { return a == b; })
      .def("__len__", &nercore::ActorGraph::num_nodes)
      .def(py::pickle(
          [](const nercore::ActorGraph& g) {
            nercore::GraphFilter all;
            all.cooccurrence = true;
            return py::make_tuple(graphml_of(g, all));
          },
          [](const py::tuple& t) {
            if (t.size() != 1) throw std::runtime_error("bad GraphBuilder state");
            return graph_from_graphml(t[0].cast<std::string>(), "pickle");
          }))
      .def("__repr__", [](const nercore::ActorGraph& g) {
        return repr_of("GraphBuilder", std::to_string(g.num_nodes()) + " nodes, " +
                                           std::to_string(g.num_edges()) + " edges");
      });
}
