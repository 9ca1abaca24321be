// SPDX-License-Identifier: MIT
// File: nercore_extract.cpp
// nercore-extract: the command-line extractor. Reads French news texts (files, directories,
// standard input, or JSON Lines of {"id", "date", "text"}), annotates them with one shared Pipeline
// on N threads, and writes one JSON object per document (the evaluation scorer's schema) and/or the
// corpus actor graph as GraphML. Output order is input order whatever the number of threads; output
// files are written to a temporary file and renamed, so a failed or interrupted run never leaves a
// truncated file behind. Exit codes are listed in --help.

#include <fnmatch.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <tuple>
#include <unordered_set>
#include <utility>
#include <vector>

#include <fmt/core.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "nercore/nercore.hpp"

namespace fs = std::filesystem;

namespace {

constexpr const char* kProgram = "nercore-extract";

/// Exit codes of the program (also in the --help footer).
enum Exit : int {
  kExitOk = 0,           ///< success
  kExitInputFailed = 1,  ///< some inputs failed, the others were processed
  kExitUsage = 2,        ///< usage error
  kExitGazetteers = 3,   ///< the gazetteers could not be loaded
  kExitOutput = 4,       ///< the output could not be written
};

constexpr const char* kFooter =
    "Inputs:\n"
    "  A directory is read recursively: its files matching a --glob pattern (default *.txt) are\n"
    "  processed in path order. Files named on the command line are always processed. A file\n"
    "  ending in .jsonl (or any input with --jsonl-input) holds one {\"id\", \"date\", \"text\"}\n"
    "  object per line; a line without an id gets FILE:LINE. The id of a text file is its file\n"
    "  name, that of standard input is '-'.\n"
    "\n"
    "Gazetteers: --gazetteers DIR, else $NERCORE_GAZETTEERS, else\n"
    "  <directory of the executable>/../share/nercore/gazetteers/fr if it exists, else\n"
    "  gazetteers/fr relative to the current directory.\n"
    "\n"
    "Exit codes:\n"
    "  0  success\n"
    "  1  some inputs failed (unreadable, invalid UTF-8, broken JSON line); the others were\n"
    "     processed\n"
    "  2  usage error (unknown option, bad value)\n"
    "  3  the gazetteers could not be loaded\n"
    "  4  the output could not be written\n";

// ------------------------------------------------------------------------------------------------
// Messages

template <typename... Args>
void print_error(fmt::format_string<Args...> format, Args&&... args) {
  std::string message = fmt::format(format, std::forward<Args>(args)...);
  std::cerr << kProgram << ": " << message << '\n';
}

/// A file name for messages: the path as the user wrote it, or "<stdin>".
std::string display_name(const fs::path& path) {
  return path == "-" ? std::string("<stdin>") : path.string();
}

std::string errno_message(int error) {
  return std::error_code(error, std::generic_category()).message();
}

// ------------------------------------------------------------------------------------------------
// Temporary output files, removed on SIGINT/SIGTERM/SIGHUP so an interrupted run leaves nothing.

constexpr std::size_t kMaxTempFiles = 4;
constexpr std::size_t kMaxTempPath = 4096;
char g_temp_paths[kMaxTempFiles][kMaxTempPath];
volatile std::sig_atomic_t g_temp_count = 0;

extern "C" void remove_temp_files_and_die(int signal_number) {
  for (std::sig_atomic_t i = 0; i < g_temp_count; ++i) {
    if (g_temp_paths[i][0] != '\0') ::unlink(g_temp_paths[i]);
  }
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

void install_signal_handlers() {
  for (int s : {SIGINT, SIGTERM, SIGHUP}) std::signal(s, remove_temp_files_and_die);
}

/// One output file, written to `FILE.tmp.<pid>` and renamed over FILE by commit(). If commit() is
/// not reached, the destructor removes the temporary file.
class AtomicOutput {
 public:
  AtomicOutput() = default;
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;
  ~AtomicOutput() { discard(); }

  /// Creates the parent directory if missing and opens the temporary file. Returns an error
  /// message naming the file, or "".
  std::string open(const fs::path& path) {
    path_ = path;
    std::error_code ec;
    if (fs::is_directory(path, ec))
      return fmt::format("cannot write '{}': it is a directory", path.string());
    const fs::path parent = path.parent_path();
    if (!parent.empty() && !fs::is_directory(parent, ec)) {
      fs::create_directories(parent, ec);
      if (ec) {
        return fmt::format("cannot write '{}': cannot create directory '{}': {}", path.string(),
                           parent.string(), ec.message());
      }
    }
    temp_ = path;
    temp_ += fmt::format(".tmp.{}", static_cast<long>(::getpid()));
    slot_ = register_temp(temp_.string());
    errno = 0;
    out_.open(temp_, std::ios::binary | std::ios::trunc);
    if (!out_) {
      const int error = errno;
      unregister_temp();
      return fmt::format("cannot write '{}': {}", path.string(),
                         error != 0 ? errno_message(error) : std::string("cannot open"));
    }
    open_ = true;
    return {};
  }

  std::ostream& stream() { return out_; }

  /// Flushes, closes and renames the temporary file over the target. Returns an error message or
  /// "".
  std::string commit() {
    if (!open_) return {};
    out_.flush();
    const bool written = static_cast<bool>(out_);
    out_.close();
    if (!written || !out_) {
      discard();
      return fmt::format("cannot write '{}': write failed (disk full?)", path_.string());
    }
    std::error_code ec;
    fs::rename(temp_, path_, ec);
    if (ec) {
      discard();
      return fmt::format("cannot write '{}': {}", path_.string(), ec.message());
    }
    open_ = false;
    unregister_temp();
    return {};
  }

  /// Closes and removes the temporary file, if any.
  void discard() {
    if (!open_) return;
    out_.close();
    std::error_code ec;
    fs::remove(temp_, ec);
    open_ = false;
    unregister_temp();
  }

 private:
  static int register_temp(const std::string& path) {
    if (g_temp_count >= static_cast<std::sig_atomic_t>(kMaxTempFiles) ||
        path.size() >= kMaxTempPath)
      return -1;
    const int slot = g_temp_count;
    std::memcpy(g_temp_paths[slot], path.c_str(), path.size() + 1);
    g_temp_count = slot + 1;
    return slot;
  }
  void unregister_temp() {
    if (slot_ >= 0) g_temp_paths[slot_][0] = '\0';
    slot_ = -1;
  }

  fs::path path_;
  fs::path temp_;
  std::ofstream out_;
  bool open_ = false;
  int slot_ = -1;
};

// ------------------------------------------------------------------------------------------------
// Options

struct Options {
  std::vector<std::string> inputs;
  std::vector<std::string> globs{"*.txt"};
  bool jsonl_input = false;
  std::string format = "jsonl";
  std::string output;  // "" or "-": standard output
  std::string out_dir;
  bool summary = false;
  std::string gazetteers;  // "": the default search (see kFooter)
  std::string date;
  bool replace_invalid = false;
  unsigned jobs = 1;
  bool quiet = false;
  bool lint = false;
};

/// True for a real calendar date written YYYY-MM-DD.
bool is_valid_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  auto number = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  const std::chrono::year_month_day ymd{std::chrono::year{number(0, 4)},
                                        std::chrono::month{static_cast<unsigned>(number(5, 2))},
                                        std::chrono::day{static_cast<unsigned>(number(8, 2))}};
  return ymd.ok();
}

/// The gazetteer directory when --gazetteers is not given.
fs::path default_gazetteers(const char* argv0) {
  if (const char* env = std::getenv("NERCORE_GAZETTEERS"); env != nullptr && *env != '\0')
    return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec && argv0 != nullptr) exe = fs::absolute(argv0, ec);
  if (!ec && !exe.empty()) {
    const fs::path installed = exe.parent_path() / ".." / "share" / "nercore" / "gazetteers" / "fr";
    if (fs::is_directory(installed, ec)) return installed.lexically_normal();
  }
  return fs::path("gazetteers") / "fr";
}

// ------------------------------------------------------------------------------------------------
// Inputs

/// One input file (or standard input) and how to read it.
struct Source {
  fs::path path;  // "-" for standard input
  bool jsonl = false;
};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool matches_glob(const std::vector<std::string>& globs, const fs::path& relative) {
  const std::string name = relative.filename().string();
  const std::string rel = relative.generic_string();
  for (const std::string& g : globs) {
    const bool with_dir = g.find('/') != std::string::npos;
    if (::fnmatch(g.c_str(), with_dir ? rel.c_str() : name.c_str(), with_dir ? FNM_PATHNAME : 0) ==
        0) {
      return true;
    }
  }
  return false;
}

/// Collects the files of `dir` (recursively; symbolic links to directories are not followed)
/// that match the globs. Reports unreadable directories and returns false if there was any.
bool walk_directory(const fs::path& root, const fs::path& dir,
                    const std::vector<std::string>& globs, std::vector<fs::path>& out) {
  bool ok = true;
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    print_error("{}: cannot read directory: {}", dir.string(), ec.message());
    return false;
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const fs::directory_entry& entry = *it;
    std::error_code type_ec;
    if (entry.is_directory(type_ec) && !entry.is_symlink(type_ec)) {
      ok = walk_directory(root, entry.path(), globs, out) && ok;
    } else if (entry.is_regular_file(type_ec) &&
               matches_glob(globs, entry.path().lexically_relative(root))) {
      out.push_back(entry.path());
    }
  }
  if (ec) {
    print_error("{}: cannot read directory: {}", dir.string(), ec.message());
    ok = false;
  }
  return ok;
}

/// Reads a whole file (or standard input) into `out`. Returns an error message or "".
std::string read_all(const fs::path& path, std::string& out) {
  out.clear();
  if (path == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    if (std::cin.bad()) return "cannot read standard input";
    out = std::move(buffer).str();
    return {};
  }
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) return fmt::format("cannot read: {}", errno != 0 ? errno_message(errno) : "cannot open");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad())
    return fmt::format("cannot read: {}", errno != 0 ? errno_message(errno) : "read error");
  out = std::move(buffer).str();
  return {};
}

/// `text` with every invalid UTF-8 byte replaced by U+FFFD.
std::string replace_invalid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    const std::optional<nercore::Utf8Error> bad = nercore::find_invalid_utf8(text);
    if (!bad) {
      out.append(text);
      break;
    }
    out.append(text.substr(0, bad->offset));
    out.append("\xEF\xBF\xBD");
    text.remove_prefix(bad->offset + 1);
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// Annotation and output

/// One document to annotate, with where it came from for messages.
struct Task {
  std::string id;
  std::string date;
  std::string text;
  std::string origin;  // "file" or "file:line"
};

/// What --summary prints.
class Summary {
 public:
  void add(const nercore::Document& doc) {
    ++documents_;
    for (const nercore::Entity& e : doc.entities) entities_.try_emplace(e.id, e.type, e.name);
    for (const nercore::Relation& r : doc.relations) {
      Counts& c = relations_[{r.source, r.type, r.target}];
      c.documents += 1;
      c.mentions += std::max<std::size_t>(1, r.evidence.size());
    }
  }

  void print(std::ostream& out, std::size_t failed_inputs) const {
    out << "documents: " << documents_ << '\n';
    if (failed_inputs > 0) out << "failed inputs: " << failed_inputs << '\n';
    std::map<nercore::EntityType, std::size_t> by_type;
    for (const auto& [id, entity] : entities_) ++by_type[entity.first];
    std::vector<std::pair<nercore::EntityType, std::size_t>> types(by_type.begin(), by_type.end());
    std::stable_sort(types.begin(), types.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    out << "entities: " << entities_.size();
    for (std::size_t i = 0; i < types.size(); ++i) {
      out << (i == 0 ? " (" : "  ") << nercore::to_string(types[i].first) << ' ' << types[i].second;
    }
    out << (types.empty() ? "\n" : ")\n");

    using Item = std::pair<const Key*, const Counts*>;
    std::vector<Item> items;
    items.reserve(relations_.size());
    for (const auto& [key, counts] : relations_) items.emplace_back(&key, &counts);
    const std::size_t top = std::min<std::size_t>(kTopRelations, items.size());
    std::partial_sort(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(top), items.end(),
                      [](const Item& a, const Item& b) {
                        if (a.second->documents != b.second->documents) {
                          return a.second->documents > b.second->documents;
                        }
                        if (a.second->mentions != b.second->mentions) {
                          return a.second->mentions > b.second->mentions;
                        }
                        return *a.first < *b.first;
                      });
    if (top == 0) {
      out << "strongest relations: none\n";
      return;
    }
    out << "strongest relations (documents):\n";
    for (std::size_t i = 0; i < top; ++i) {
      const auto& [source, type, target] = *items[i].first;
      const std::string_view name = nercore::to_string(type);
      const bool symmetric = nercore::is_symmetric(type);
      out << "  " << label(source) << " \u2014" << name << (symmetric ? "\u2014 " : "\u2192 ")
          << label(target) << " (" << items[i].second->documents << ")\n";
    }
  }

 private:
  static constexpr std::size_t kTopRelations = 10;
  using Key = std::tuple<std::string, nercore::RelationType, std::string>;
  struct Counts {
    std::size_t documents = 0;
    std::size_t mentions = 0;
  };

  std::string label(const std::string& id) const {
    auto it = entities_.find(id);
    return it == entities_.end() || it->second.second.empty() ? id : it->second.second;
  }

  std::size_t documents_ = 0;
  std::map<std::string, std::pair<nercore::EntityType, std::string>> entities_;
  std::map<Key, Counts> relations_;
};

/// Annotates tasks in batches on `jobs` threads and emits the documents in input order.
class Extractor {
 public:
  Extractor(const nercore::Pipeline& pipeline, const Options& options, std::ostream* jsonl,
            nercore::ActorGraph* graph, Summary* summary)
      : pipeline_(pipeline), options_(options), jsonl_(jsonl), graph_(graph), summary_(summary) {
    jobs_ = options.jobs == 0 ? std::max(1U, std::thread::hardware_concurrency()) : options.jobs;
    max_batch_docs_ = std::max<std::size_t>(256, std::size_t{jobs_} * 32);
  }

  /// Reports a failed input (the message is printed now) and remembers it for the exit code.
  void fail(const std::string& message) {
    print_error("{}", message);
    ++failed_;
  }
  std::size_t failed() const noexcept { return failed_; }

  void add(Task task) {
    batch_bytes_ += task.text.size();
    batch_.push_back(std::move(task));
    if (batch_.size() >= max_batch_docs_ || batch_bytes_ >= kMaxBatchBytes) flush();
  }

  /// Annotates and emits everything added so far.
  void flush() {
    if (batch_.empty()) return;
    std::vector<Annotated> results(batch_.size());
    annotate_all(results);
    for (std::size_t i = 0; i < batch_.size(); ++i) emit(batch_[i], results[i]);
    batch_.clear();
    batch_bytes_ = 0;
  }

 private:
  static constexpr std::size_t kMaxBatchBytes = std::size_t{64} << 20;

  /// What a worker thread makes of one task.
  struct Annotated {
    nercore::Document doc;
    std::string json;   // the JSON line, when JSON Lines are written
    std::string error;  // what annotation threw, or ""
  };

  void annotate_one(const Task& task, Annotated& out) const {
    try {
      out.doc = pipeline_.annotate(task.text, task.id, task.date);
      if (jsonl_ != nullptr) out.json = nercore::to_json(out.doc);
    } catch (const std::exception& e) {
      out.error = e.what();
    } catch (...) {
      out.error = "unknown exception";
    }
  }

  /// Annotates (and serializes) the batch on up to jobs_ threads; results[i] is batch_[i]'s.
  void annotate_all(std::vector<Annotated>& results) const {
    const std::size_t n = batch_.size();
    const std::size_t threads = std::min<std::size_t>(jobs_, n);
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t i = next.fetch_add(1); i < n; i = next.fetch_add(1)) {
        annotate_one(batch_[i], results[i]);
      }
    };
    std::vector<std::jthread> pool;
    if (threads > 1) pool.reserve(threads - 1);
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
  }  // the jthreads join here

  /// Writes one result, in input order, on the main thread.
  void emit(const Task& task, const Annotated& result) {
    if (!result.error.empty()) {
      fail(fmt::format("{}: annotation failed: {}", task.origin, result.error));
      return;
    }
    const nercore::Document& doc = result.doc;
    if (doc.diagnostics.invalid_utf8_bytes > 0 && !options_.quiet) {
      print_error(
          "{}: warning: {} invalid UTF-8 byte(s) replaced by U+FFFD (first at byte offset {})",
          task.origin, doc.diagnostics.invalid_utf8_bytes,
          doc.diagnostics.first_invalid.value_or(0));
    }
    if (!ids_.insert(doc.id).second && !options_.quiet) {
      print_error("{}: warning: document id '{}' was already used by an earlier document",
                  task.origin, doc.id);
    }
    if (jsonl_ != nullptr) *jsonl_ << result.json << '\n';
    if (graph_ != nullptr) graph_->add(doc);
    if (summary_ != nullptr) summary_->add(doc);
  }

  const nercore::Pipeline& pipeline_;
  const Options& options_;
  std::ostream* jsonl_;
  nercore::ActorGraph* graph_;
  Summary* summary_;
  unsigned jobs_ = 1;
  std::size_t max_batch_docs_ = 256;
  std::vector<Task> batch_;
  std::size_t batch_bytes_ = 0;
  std::size_t failed_ = 0;
  std::unordered_set<std::string> ids_;
};

/// Adds the text of a plain input, checking its size and its UTF-8.
void add_text_input(Extractor& ex, const Options& options, const fs::path& path, std::string text) {
  const std::string name = display_name(path);
  if (text.size() > std::numeric_limits<std::uint32_t>::max()) {
    ex.fail(
        fmt::format("{}: too large ({} bytes; the limit is 4 GiB); skipped", name, text.size()));
    return;
  }
  if (!options.replace_invalid) {
    if (const auto bad = nercore::find_invalid_utf8(text)) {
      ex.fail(
          fmt::format("{}: invalid UTF-8 at byte offset {} ({}); skipped (--replace-invalid "
                      "annotates it anyway)",
                      name, bad->offset, bad->reason));
      return;
    }
  }
  Task task;
  task.id = path == "-" ? std::string("-") : path.filename().string();
  task.date = options.date;
  task.text = std::move(text);
  task.origin = name;
  ex.add(std::move(task));
}

/// The text of a "date" field: YYYY-MM-DD, possibly followed by a time ("2024-06-19T08:00:00Z").
std::optional<std::string> json_date(const nlohmann::json& value) {
  if (!value.is_string()) return std::nullopt;
  const std::string& s = value.get_ref<const std::string&>();
  if (s.size() > 10 && s[10] != 'T' && s[10] != ' ') return std::nullopt;
  std::string date = s.substr(0, 10);
  if (!is_valid_date(date)) return std::nullopt;
  return date;
}

/// Adds the documents of a JSON Lines input; a broken line is reported and skipped.
void add_jsonl_input(Extractor& ex, const Options& options, const fs::path& path,
                     std::istream& in) {
  const std::string name = display_name(path);
  const std::string id_prefix = path == "-" ? std::string("-") : path.filename().string();
  std::string line;
  std::size_t offset = 0;  // byte offset of the line in the file
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    const std::size_t line_offset = offset;
    offset += line.size() + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    const std::string where = fmt::format("{}:{}", name, number);
    if (const auto bad = nercore::find_invalid_utf8(line)) {
      if (!options.replace_invalid) {
        ex.fail(fmt::format("{}: invalid UTF-8 at byte offset {} ({}); line skipped", where,
                            line_offset + bad->offset, bad->reason));
        continue;
      }
      line = replace_invalid_utf8(line);
    }
    nlohmann::json object;
    try {
      object = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
      std::string what = e.what();
      if (const auto pos = what.find("] "); pos != std::string::npos) what.erase(0, pos + 2);
      ex.fail(fmt::format("{}: broken JSON line ({}); skipped", where, what));
      continue;
    }
    if (!object.is_object()) {
      ex.fail(fmt::format(
          "{}: expected a JSON object with \"id\", \"date\" and \"text\"; line skipped", where));
      continue;
    }
    const auto text = object.find("text");
    if (text == object.end() || !text->is_string()) {
      ex.fail(fmt::format("{}: no \"text\" string; line skipped", where));
      continue;
    }
    Task task;
    const auto id = object.find("id");
    if (id != object.end() && id->is_string()) {
      task.id = id->get<std::string>();
    } else if (id != object.end() && id->is_number_integer()) {
      task.id = id->dump();
    } else if (id == object.end() || id->is_null()) {
      task.id = fmt::format("{}:{}", id_prefix, number);
    } else {
      ex.fail(fmt::format("{}: \"id\" must be a string or an integer; line skipped", where));
      continue;
    }
    task.date = options.date;
    if (const auto date = object.find("date"); date != object.end() && !date->is_null()) {
      const std::optional<std::string> d = json_date(*date);
      if (!d) {
        ex.fail(
            fmt::format("{}: \"date\" is not YYYY-MM-DD: {}; line skipped", where, date->dump()));
        continue;
      }
      task.date = *d;
    }
    task.text = std::move(text->get_ref<std::string&>());
    if (task.text.size() > std::numeric_limits<std::uint32_t>::max()) {
      ex.fail(fmt::format("{}: text too large ({} bytes); line skipped", where, task.text.size()));
      continue;
    }
    task.origin = where;
    ex.add(std::move(task));
  }
  if (in.bad()) ex.fail(fmt::format("{}: read error", name));
}

/// Reads one source and adds its documents.
void add_source(Extractor& ex, const Options& options, const Source& source) {
  const std::string name = display_name(source.path);
  if (source.jsonl) {
    if (source.path == "-") {
      add_jsonl_input(ex, options, source.path, std::cin);
      return;
    }
    errno = 0;
    std::ifstream in(source.path, std::ios::binary);
    if (!in) {
      ex.fail(fmt::format("{}: cannot read: {}", name,
                          errno != 0 ? errno_message(errno) : "cannot open"));
      return;
    }
    add_jsonl_input(ex, options, source.path, in);
    return;
  }
  std::string text;
  if (std::string error = read_all(source.path, text); !error.empty()) {
    ex.fail(fmt::format("{}: {}", name, error));
    return;
  }
  add_text_input(ex, options, source.path, std::move(text));
}

/// Expands the INPUT arguments into sources, reporting those that do not exist.
std::vector<Source> expand_inputs(Extractor& ex, const Options& options) {
  std::vector<Source> sources;
  for (const std::string& input : options.inputs) {
    if (input == "-") {
      sources.push_back({"-", options.jsonl_input});
      continue;
    }
    const fs::path path(input);
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      ex.fail(fmt::format("{}: {}", input,
                          ec ? ec.message() : std::string("no such file or directory")));
      continue;
    }
    if (fs::is_directory(status)) {
      std::vector<fs::path> files;
      if (!walk_directory(path, path, options.globs, files))
        ex.fail(fmt::format("{}: not every file could be listed", input));
      std::sort(files.begin(), files.end());
      for (fs::path& f : files) {
        const bool jsonl = options.jsonl_input || ends_with(f.filename().string(), ".jsonl");
        sources.push_back({std::move(f), jsonl});
      }
      continue;
    }
    sources.push_back({path, options.jsonl_input || ends_with(path.filename().string(), ".jsonl")});
  }
  return sources;
}

// ------------------------------------------------------------------------------------------------
// Modes

int run_lint(const fs::path& dir, const Options& options) {
  nercore::GazetteerBuilder builder;
  if (nercore::Status st = builder.add_directory(dir); !st) {
    print_error("cannot load the gazetteers in '{}': {}", dir.string(), st.error().to_string());
    return kExitGazetteers;
  }
  std::vector<nercore::LintFinding> findings = builder.lint();
  std::stable_sort(findings.begin(), findings.end(), [](const auto& a, const auto& b) {
    return std::tie(a.source, a.line) < std::tie(b.source, b.line);
  });
  for (const nercore::LintFinding& f : findings) {
    std::cout << f.source;
    if (f.line > 0) std::cout << ':' << f.line;
    std::cout << ": " << f.message << '\n';
  }
  if (nercore::Result<nercore::Gazetteer> gz = std::move(builder).build(); !gz) {
    print_error("cannot build the gazetteers in '{}': {}", dir.string(), gz.error().to_string());
    return kExitGazetteers;
  }
  // The rest of the directory (rules, relation triggers, modality cues) is checked by loading it
  // the way an extraction run does.
  if (nercore::Result<nercore::Pipeline> p = nercore::Pipeline::from_directory(dir); !p) {
    print_error("cannot load the gazetteers in '{}': {}", dir.string(), p.error().to_string());
    return kExitGazetteers;
  }
  std::cout.flush();
  if (!options.quiet) {
    std::cerr << kProgram << ": " << dir.string() << ": " << findings.size()
              << " lint finding(s), no error\n";
  }
  return kExitOk;
}

int run(const Options& options, const char* argv0) {
  const fs::path gazetteers =
      options.gazetteers.empty() ? default_gazetteers(argv0) : fs::path(options.gazetteers);
  if (options.lint) return run_lint(gazetteers, options);

  std::error_code ec;
  if (!fs::is_directory(gazetteers, ec)) {
    print_error("cannot load the gazetteers in '{}': {}", gazetteers.string(),
                fs::exists(gazetteers, ec) ? "not a directory" : "no such directory");
    return kExitGazetteers;
  }
  nercore::Result<nercore::Pipeline> loaded = nercore::Pipeline::from_directory(gazetteers);
  if (!loaded) {
    print_error("cannot load the gazetteers in '{}': {}", gazetteers.string(),
                loaded.error().to_string());
    return kExitGazetteers;
  }
  const nercore::Pipeline& pipeline = *loaded;

  // Outputs are opened before any work, so that an unwritable output fails at once.
  const bool to_stdout =
      options.out_dir.empty() && (options.output.empty() || options.output == "-");
  const bool want_jsonl = !options.out_dir.empty() || options.format == "jsonl";
  const bool want_graph = !options.out_dir.empty() || options.format == "graphml";
  AtomicOutput jsonl_file;
  AtomicOutput graph_file;
  std::ostream* jsonl_out = nullptr;
  std::ostream* graph_out = nullptr;
  install_signal_handlers();
  if (!options.out_dir.empty()) {
    const fs::path dir(options.out_dir);
    std::string error = jsonl_file.open(dir / "articles.jsonl");
    if (error.empty()) error = graph_file.open(dir / "actors.graphml");
    if (!error.empty()) {
      print_error("{}", error);
      return kExitOutput;
    }
    jsonl_out = &jsonl_file.stream();
    graph_out = &graph_file.stream();
  } else if (!to_stdout) {
    AtomicOutput& file = want_jsonl ? jsonl_file : graph_file;
    if (std::string error = file.open(options.output); !error.empty()) {
      print_error("{}", error);
      return kExitOutput;
    }
    (want_jsonl ? jsonl_out : graph_out) = &file.stream();
  } else {
    (want_jsonl ? jsonl_out : graph_out) = &std::cout;
  }

  nercore::ActorGraph graph;
  Summary summary;
  Extractor ex(pipeline, options, jsonl_out, want_graph ? &graph : nullptr,
               options.summary ? &summary : nullptr);
  for (const Source& source : expand_inputs(ex, options)) add_source(ex, options, source);
  ex.flush();

  if (graph_out != nullptr) graph.write_graphml(*graph_out);

  int code = ex.failed() > 0 ? kExitInputFailed : kExitOk;
  if (to_stdout) {
    std::cout.flush();
    if (!std::cout) {
      print_error("cannot write to standard output");
      code = kExitOutput;
    }
  } else {
    for (AtomicOutput* file : {&jsonl_file, &graph_file}) {
      if (std::string error = file->commit(); !error.empty()) {
        print_error("{}", error);
        code = kExitOutput;
      }
    }
  }
  if (options.summary) {
    std::ostream& out = to_stdout ? std::cerr : std::cout;
    summary.print(out, ex.failed());
    out.flush();
  }
  if (ex.failed() > 0 && !options.quiet) {
    print_error("{} input(s) failed; the others were processed", ex.failed());
  }
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  Options options;
  CLI::App app{
      "Extracts actors (persons, states, organizations, places, blocs) and their relations "
      "from French news texts, as JSON Lines or a GraphML actor graph.",
      kProgram};
  app.footer(kFooter);
  app.set_version_flag("--version", fmt::format("{} {} (libnercore {})", kProgram,
                                                NERCORE_VERSION_STRING, nercore::version()));
  app.add_option("INPUT", options.inputs,
                 "Text files, directories (recursive) or - for standard input")
      ->type_name("PATH");
  app.add_option("--glob", options.globs,
                 "File names to take from directories; repeatable, or comma-separated (*.txt)")
      ->allow_extra_args(false)
      ->delimiter(',')
      ->type_name("PATTERN");
  app.add_flag("--jsonl-input", options.jsonl_input,
               "Inputs are JSON Lines (implied for *.jsonl files)");
  auto* format = app.add_option("--format", options.format,
                                "Output format (jsonl; graphml if -o ends in .graphml)")
                     ->check(CLI::IsMember({"jsonl", "graphml"}));
  auto* output = app.add_option("-o,--output", options.output, "Output file (standard output)")
                     ->type_name("FILE");
  app.add_option("--out-dir", options.out_dir, "Write DIR/articles.jsonl and DIR/actors.graphml")
      ->type_name("DIR")
      ->excludes(format)
      ->excludes(output);
  app.add_flag("--summary", options.summary,
               "Print counts and the 10 strongest relations (to stderr if the output is stdout)");
  app.add_option("--gazetteers", options.gazetteers, "Gazetteer directory (see below)")
      ->type_name("DIR");
  app.add_option("--date", options.date, "Date of inputs that have none, for descriptors (today)")
      ->type_name("YYYY-MM-DD")
      ->check(CLI::Validator(
          [](std::string& s) {
            return is_valid_date(s) ? std::string() : "not a date YYYY-MM-DD: " + s;
          },
          ""));
  app.add_flag("--replace-invalid", options.replace_invalid,
               "Replace invalid UTF-8 by U+FFFD instead of failing");
  app.add_option("-j,--jobs", options.jobs, "Threads (1; 0 = one per core)")
      ->type_name("N")
      ->check(CLI::Range(0U, 1024U));
  app.add_flag("-q,--quiet", options.quiet, "Print errors only, no warnings");
  app.add_flag("--lint", options.lint,
               "Check the gazetteer directory: print findings, exit 0 if it loads");

  try {
    app.parse(argc, argv);
    if (!options.lint && options.inputs.empty()) throw CLI::RequiredError("INPUT");
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);
    std::cerr << kProgram << ": " << e.what() << "\nRun with --help for more information.\n";
    return kExitUsage;
  }
  if (format->count() == 0 && ends_with(options.output, ".graphml")) options.format = "graphml";

  try {
    return run(options, argc > 0 ? argv[0] : nullptr);
  } catch (const std::exception& e) {
    print_error("unexpected error: {}", e.what());
    return kExitInputFailed;
  }
}
