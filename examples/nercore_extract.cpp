// SPDX-License-Identifier: MIT
// File: nercore_extract.cpp
// nercore-extract: the command-line extractor. Reads French news texts (files, directories,
// standard input, or JSON Lines of {"id", "date", "text"}), annotates them with one shared Pipeline
// on N threads, and writes one JSON object per document (the evaluation scorer's schema) and/or the
// corpus actor graph as GraphML. Output order is input order whatever the number of threads; output
// files are written to a temporary file and renamed, so a failed or interrupted run never leaves a
// truncated file behind. Exit codes are listed in --help.

#include <fcntl.h>
#include <fnmatch.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <mutex>
#include <numeric>
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

#ifdef NERCORE_WITH_MIMALLOC
#include <mimalloc.h>
#endif

namespace fs = std::filesystem;

namespace {

constexpr const char* kProgram = "nercore-extract";

// The malloc this program runs on (NERCORE_MIMALLOC in CMakeLists.txt).
std::string allocator_name() {
#ifdef NERCORE_WITH_MIMALLOC
  const int v = mi_version();
  return fmt::format("mimalloc {}.{}.{}{}", v / 100, v / 10 % 10, v % 10,
                     mi_option_is_enabled(mi_option_large_os_pages) ? " (large OS pages)" : "");
#else
  return "libc malloc";
#endif
}

/// The output formats of --format and --formats.
const std::vector<std::string> kFormats{"jsonl", "graphml", "dot", "json", "csv", "html"};

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
    "Outputs:\n"
    "  --format picks one output, written to -o FILE or standard output; without --format it\n"
    "  follows the extension of FILE (.jsonl .graphml .dot .gv .json .csv .html .htm). csv is two\n"
    "  files: -o actors.csv writes actors.nodes.csv (Id,Label,...) and actors.edges.csv\n"
    "  (Source,Target,Type,...). --out-dir DIR writes each of --formats (jsonl,graphml) to DIR:\n"
    "  articles.jsonl, actors.graphml, actors.dot, actors.json (networkx node-link data),\n"
    "  actors.nodes.csv and actors.edges.csv, report.html (self-contained HTML report).\n"
    "  --types, --modalities, --min-documents and --cooccurrence select the edges of every graph\n"
    "  output (graphml dot json csv html); nodes are always all written.\n"
    "\n"
    "Progress: when standard error is a terminal, a progress bar (files, MB, MB/s, ETA) appears\n"
    "  once a run lasts half a second (at once with --progress); never with --quiet or\n"
    "  --no-progress, nor when standard error is not a terminal.\n"
    "\n"
    "Exit codes:\n"
    "  0  success\n"
    "  1  some inputs failed (unreadable, invalid UTF-8, broken JSON line); the others were\n"
    "     processed\n"
    "  2  usage error (unknown option, bad value)\n"
    "  3  the gazetteers could not be loaded\n"
    "  4  the output could not be written\n"
    "  130, 143, 129  interrupted by SIGINT, SIGTERM or SIGHUP (128 + signal number): the message\n"
    "     says how many documents were done; output files are left as they were\n";

// ------------------------------------------------------------------------------------------------
// Progress bar

/// The progress bar on standard error: files done/total, MB done/total, MB/s and ETA on one line,
/// redrawn at most 10 times a second and erased when the run ends or a message is printed.
/// Worker threads count with advance() and file_done() (atomics); only the main thread draws.
class Progress {
 public:
  using Clock = std::chrono::steady_clock;

  /// Starts the clock. Nothing is drawn unless `enabled`, nor before `delay` has passed.
  void start(bool enabled, std::chrono::milliseconds delay, std::size_t files_total,
             std::uint64_t bytes_total) {
    enabled_ = enabled;
    delay_ = delay;
    files_total_ = files_total;
    bytes_total_ = bytes_total;
    start_ = Clock::now();
    last_draw_ = start_ - std::chrono::seconds(1);
  }
  void advance(std::uint64_t bytes) noexcept {
    bytes_done_.fetch_add(bytes, std::memory_order_relaxed);
  }
  void file_done() noexcept { files_done_.fetch_add(1, std::memory_order_relaxed); }

  /// Redraws the bar if it is due. Main thread only.
  void tick() {
    if (!enabled_) return;
    const Clock::time_point now = Clock::now();
    if (now - start_ < delay_ || now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    shown_ = true;
    std::cerr << '\r' << line(std::chrono::duration<double>(now - start_).count()) << "\x1b[K"
              << std::flush;
  }
  /// Erases the bar, if drawn, so that a message or the summary starts on a clean line.
  void clear() {
    if (!shown_) return;
    std::cerr << "\r\x1b[K" << std::flush;
    shown_ = false;
  }

 private:
  static std::size_t terminal_width() {
    winsize ws{};
    if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20) return ws.ws_col;
    return 80;
  }

  static std::string duration(double seconds) {
    const auto s = static_cast<long long>(seconds + 0.5);
    if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
    return fmt::format("{}:{:02}", s / 60, s % 60);
  }

  std::string line(double elapsed) const {
    const std::size_t files = std::min(files_done_.load(std::memory_order_relaxed), files_total_);
    std::uint64_t bytes = bytes_done_.load(std::memory_order_relaxed);
    if (bytes_total_ > 0) bytes = std::min(bytes, bytes_total_);
    const double fraction = bytes_total_ > 0   ? static_cast<double>(bytes) / bytes_total_
                            : files_total_ > 0 ? static_cast<double>(files) / files_total_
                                               : 0.0;
    const double rate = elapsed > 0 ? static_cast<double>(bytes) / 1e6 / elapsed : 0.0;
    std::string eta = "--:--";
    if (bytes_total_ > 0 && bytes > 0 && elapsed > 0) {
      eta = duration(static_cast<double>(bytes_total_ - bytes) * elapsed / static_cast<double>(bytes));
    }
    const std::string stats =
        fmt::format("{}/{} files  {:.1f}/{:.1f} MB  {:.1f} MB/s  ETA {}", files, files_total_,
                    static_cast<double>(bytes) / 1e6, static_cast<double>(bytes_total_) / 1e6,
                    rate, eta);
    const std::string prefix = std::string(kProgram) + " ";
    const std::size_t width = terminal_width() - 1;  // never touch the last column (no wrap)
    const std::size_t used = prefix.size() + stats.size() + 3;
    if (width < used + 10) return (prefix + stats).substr(0, width);
    const std::size_t bar = std::min<std::size_t>(40, width - used);
    const auto filled = static_cast<std::size_t>(fraction * static_cast<double>(bar));
    std::string out = prefix + "[";
    out.append(filled, '=');
    if (filled < bar) {
      out.push_back('>');
      out.append(bar - filled - 1, ' ');
    }
    out += "] " + stats;
    return out;
  }

  bool enabled_ = false;
  bool shown_ = false;
  std::chrono::milliseconds delay_{0};
  Clock::time_point start_{};
  Clock::time_point last_draw_{};
  std::size_t files_total_ = 0;
  std::uint64_t bytes_total_ = 0;
  std::atomic<std::size_t> files_done_{0};
  std::atomic<std::uint64_t> bytes_done_{0};
};

/// The run's progress bar; global so that print_error can erase it before printing.
Progress g_progress;

// ------------------------------------------------------------------------------------------------
// Messages

template <typename... Args>
void print_error(fmt::format_string<Args...> format, Args&&... args) {
  std::string message = fmt::format(format, std::forward<Args>(args)...);
  g_progress.clear();
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
// The handler then says how far the run got and dies of the same signal (exit status 128 + N).

constexpr std::size_t kMaxTempFiles = 8;  // --out-dir with every format: 7 files
constexpr std::size_t kMaxTempPath = 4096;
char g_temp_paths[kMaxTempFiles][kMaxTempPath];
volatile std::sig_atomic_t g_temp_count = 0;

// Progress for the interruption message: lock-free atomics, so the handler may read them.
std::atomic<std::uint64_t> g_documents_done{0};  // documents annotated and written (emitted)
std::atomic<std::uint64_t> g_inputs_started{0};  // inputs (files, standard input) opened so far
std::atomic<std::uint64_t> g_inputs_total{0};    // inputs of the run
static_assert(std::atomic<std::uint64_t>::is_always_lock_free);

/// Appends `s` to buf[len..] (async-signal-safe).
void signal_append(char* buf, std::size_t& len, std::size_t cap, const char* s) {
  while (*s != '\0' && len + 1 < cap) buf[len++] = *s++;
}
void signal_append(char* buf, std::size_t& len, std::size_t cap, std::uint64_t n) {
  char digits[24];
  std::size_t k = 0;
  do {
    digits[k++] = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n != 0);
  while (k > 0 && len + 1 < cap) buf[len++] = digits[--k];
}

extern "C" void remove_temp_files_and_die(int signal_number) {
  const bool to_files = g_temp_count > 0;
  for (std::sig_atomic_t i = 0; i < g_temp_count; ++i) {
    if (g_temp_paths[i][0] != '\0') ::unlink(g_temp_paths[i]);
  }
  // "nercore-extract: interrupted by SIGTERM after 12 document(s), in input 3 of 10; output
  // files left as they were (nothing written)". Only async-signal-safe calls here.
  char buf[512];
  std::size_t len = 0;
  const char* name = signal_number == SIGINT    ? "SIGINT"
                     : signal_number == SIGTERM ? "SIGTERM"
                     : signal_number == SIGHUP  ? "SIGHUP"
                                                : "a signal";
  signal_append(buf, len, sizeof buf, ::isatty(STDERR_FILENO) == 1 ? "\r\x1b[K" : "");
  signal_append(buf, len, sizeof buf, kProgram);
  signal_append(buf, len, sizeof buf, ": interrupted by ");
  signal_append(buf, len, sizeof buf, name);
  signal_append(buf, len, sizeof buf, " after ");
  signal_append(buf, len, sizeof buf, g_documents_done.load());
  signal_append(buf, len, sizeof buf, " document(s), in input ");
  signal_append(buf, len, sizeof buf, g_inputs_started.load());
  signal_append(buf, len, sizeof buf, " of ");
  signal_append(buf, len, sizeof buf, g_inputs_total.load());
  signal_append(buf, len, sizeof buf,
                to_files ? "; output files left as they were (nothing written)\n"
                         : "; standard output has the documents written so far\n");
  [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, buf, len);
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
  std::vector<std::string> formats{"jsonl", "graphml"};  // what --out-dir writes
  // The graph filter (--types, --modalities, --min-documents, --cooccurrence).
  std::vector<std::string> types;
  std::vector<std::string> modalities;
  std::uint32_t min_documents = 1;
  bool cooccurrence = false;
  bool progress = false;     // --progress: the bar at once, not after half a second
  bool no_progress = false;  // --no-progress
  bool summary = false;
  std::string gazetteers;  // "": the default search (see kFooter)
  std::string gazetteer_cache;  // "": none
  std::string date;
  bool replace_invalid = false;
  unsigned jobs = 1;
  bool quiet = false;
  bool lint = false;
  bool explain = false;
};


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

/// Reads a whole file (or standard input) into `out`. Returns an error message or "". Uses
/// read(2), not iostreams, so that a read error (EIO, EISDIR) is an error and not an early end of
/// file; the size of a regular file is reserved up front, so the text is held once.
std::string read_all(const fs::path& path, std::string& out) {
  out.clear();
  const bool is_stdin = path == "-";
  const int fd = is_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fmt::format("cannot read: {}", errno_message(errno));
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
    out.reserve(static_cast<std::size_t>(st.st_size));
  std::string error;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      out.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0) {
      break;
    } else if (errno != EINTR) {
      error = fmt::format("cannot read{}: {} (after {} bytes)", is_stdin ? " standard input" : "",
                          errno_message(errno), out.size());
      break;
    }
  }
  if (!is_stdin) ::close(fd);
  return error;
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
  std::uint64_t input_bytes = 0;   // input bytes it accounts for in the progress bar
  bool completes_source = false;   // the last document of its file (progress bar)
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

/// Annotates tasks in batches and emits the documents in input order, on `jobs` threads in all.
/// While the worker threads annotate one batch, the main thread emits the previous one (JSON
/// Lines, graph, summary, warnings) and reads the next one, then helps annotate what is left of
/// the current one: the reading and writing overlap the annotation. Two batches of input are held
/// at a time, each at most max(512, 128 x jobs) documents or about 64 MB of text.
class Extractor {
 public:
  Extractor(const nercore::Pipeline& pipeline, const Options& options, std::ostream* jsonl,
            nercore::ActorGraph* graph, Summary* summary)
      : pipeline_(pipeline), options_(options), jsonl_(jsonl), graph_(graph), summary_(summary) {
    jobs_ = options.jobs == 0 ? std::max(1U, std::thread::hardware_concurrency()) : options.jobs;
    max_batch_docs_ = std::max<std::size_t>(512, std::size_t{jobs_} * 128);
  }
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  /// Stops the worker threads; a batch still being annotated (after an exception) is finished
  /// first, as its tasks belong to this object.
  ~Extractor() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    batch_started_.notify_all();
    for (std::thread& t : workers_) t.join();
  }

  /// Reports a failed input (the message is printed now) and remembers it for the exit code.
  void fail(const std::string& message) {
    print_error("{}", message);
    ++failed_;
  }
  std::size_t failed() const noexcept { return failed_; }

  void add(Task task) {
    if (filling_->tasks.size() >= max_batch_docs_ || filling_->bytes >= kMaxBatchBytes) rotate();
    filling_->bytes += task.text.size();
    filling_->tasks.push_back(std::move(task));
    ++tasks_added_;
  }

  /// Documents added so far (to tell, around reading one input, whether it added any).
  std::size_t tasks_added() const noexcept { return tasks_added_; }

  /// Tells the progress bar that an input of `size` bytes has been read, after which
  /// tasks_added() was `tasks_before`: its last document completes it, or, if there is none, the
  /// file counts as done now.
  void end_source(std::size_t tasks_before, std::uint64_t size) {
    if (tasks_added_ == tasks_before) {
      g_progress.advance(size);
      g_progress.file_done();
    } else {
      filling_->tasks.back().completes_source = true;  // add() leaves the last task there
    }
  }

  /// Keeps every document with its text, for the HTML report.
  void keep_texts(std::vector<std::pair<nercore::Document, std::string>>* texts) {
    texts_ = texts;
  }

  /// Annotates and emits everything added so far.
  void flush() {
    if (!filling_->tasks.empty()) rotate();
    if (annotating_ != nullptr) emit_batch(finish());
  }

 private:
  static constexpr std::size_t kMaxBatchBytes = std::size_t{64} << 20;

  /// What a worker thread makes of one task.
  struct Annotated {
    nercore::Document doc;
    std::string json;   // the JSON line, when JSON Lines are written
    std::string error;  // what annotation threw, or ""
  };

  /// Tasks and their results; results[i] is tasks[i]'s.
  struct Batch {
    std::vector<Task> tasks;
    std::vector<Annotated> results;
    std::size_t bytes = 0;             // text bytes of the tasks
    std::atomic<std::size_t> next{0};  // the next task to annotate
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

  /// Annotates tasks of `batch` until none is left to take; several threads may do so at once.
  /// A thread takes kGroup tasks at a time and annotates them with annotate_many() (stage by
  /// stage, faster than one by one), in runs of at most kRunBytes of text (or one larger text),
  /// since a run's segmentations are all kept until its last stage; if a run throws, its tasks are
  /// annotated one by one, so that the error is the task's.
  void annotate(Batch& batch, bool main_thread) const {
    static constexpr std::size_t kGroup = 64, kRunBytes = std::size_t{1} << 20;
    const std::size_t n = batch.tasks.size();
    std::vector<nercore::Pipeline::Text> texts;
    for (std::size_t first = batch.next.fetch_add(kGroup); first < n; first = batch.next.fetch_add(kGroup)) {
      const std::size_t last = std::min(n, first + kGroup);
      for (std::size_t run = first; run < last;) {
        std::size_t end = run, bytes = 0;
        texts.clear();
        while (end < last && (end == run || bytes + batch.tasks[end].text.size() <= kRunBytes)) {
          bytes += batch.tasks[end].text.size();
          texts.push_back({batch.tasks[end].text, batch.tasks[end].id, batch.tasks[end].date});
          ++end;
        }
        annotate_run(batch, run, end, texts);
        run = end;
      }
      for (std::size_t i = first; i < last; ++i) {
        g_progress.advance(batch.tasks[i].input_bytes);
        if (batch.tasks[i].completes_source) g_progress.file_done();
      }
      if (main_thread) g_progress.tick();
    }
  }

  /// Tasks [first, last) of `batch`, whose texts are `texts`, with one annotate_many().
  void annotate_run(Batch& batch, std::size_t first, std::size_t last,
                    const std::vector<nercore::Pipeline::Text>& texts) const {
    try {
      std::vector<nercore::Document> docs = pipeline_.annotate_many(texts);
      for (std::size_t i = first; i < last; ++i) {
        Annotated& out = batch.results[i];
        out.doc = std::move(docs[i - first]);
        if (jsonl_ != nullptr) out.json = nercore::to_json(out.doc);
      }
      return;
    } catch (...) {
    }
    for (std::size_t i = first; i < last; ++i) {
      batch.results[i] = Annotated{};
      annotate_one(batch.tasks[i], batch.results[i]);
    }
  }

  /// A worker thread: joins each batch that starts, until the destructor stops it.
  void work() {
    std::uint64_t seen = 0;
    std::unique_lock lock(mutex_);
    for (;;) {
      batch_started_.wait(lock,
                          [&] { return stop_ || (annotating_ != nullptr && started_ != seen); });
      if (stop_) return;
      seen = started_;
      Batch& batch = *annotating_;
      ++busy_;
      lock.unlock();
      annotate(batch, false);
      lock.lock();
      if (--busy_ == 0) worker_left_.notify_one();
    }
  }

  /// Finishes the batch being annotated (if any), hands the filled batch to the worker threads,
  /// then emits the finished one while they annotate; the finished batch, emptied, is the one to
  /// fill next.
  void rotate() {
    Batch* finished = annotating_ != nullptr ? &finish() : nullptr;
    Batch& batch = *filling_;
    batch.results.resize(batch.tasks.size());
    batch.next = 0;
    // Started with the first batch that has tasks for them: never more threads than tasks.
    const std::size_t threads = std::min<std::size_t>(jobs_, batch.tasks.size());
    while (workers_.size() + 1 < threads) workers_.emplace_back([this] { work(); });
    {
      std::lock_guard lock(mutex_);
      annotating_ = &batch;
      ++started_;
    }
    batch_started_.notify_all();
    filling_ = &batch == &batches_[0] ? &batches_[1] : &batches_[0];
    if (finished != nullptr) emit_batch(*finished);
  }

  /// Annotates what is left of the current batch on this thread and waits until the worker
  /// threads have left it. Main thread only.
  Batch& finish() {
    Batch& batch = *annotating_;
    annotate(batch, true);
    std::unique_lock lock(mutex_);
    worker_left_.wait(lock, [&] { return busy_ == 0; });
    annotating_ = nullptr;
    return batch;
  }

  /// Emits the documents of an annotated batch in order and empties it.
  void emit_batch(Batch& batch) {
    for (std::size_t i = 0; i < batch.tasks.size(); ++i) emit(batch.tasks[i], batch.results[i]);
    batch.tasks.clear();
    batch.results.clear();
    batch.bytes = 0;
  }

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
    if (doc.diagnostics.pair_cap_hits > 0 && !options_.quiet) {
      const std::uint32_t cap = pipeline_.options().relations.max_actors_per_sentence;
      print_error(
          "{}: warning: {} sentence(s) name more than {} actors; relations and co-occurrences "
          "were looked for among the first {} of each",
          task.origin, doc.diagnostics.pair_cap_hits, cap, cap);
    }
    // A 64-bit hash per id, not the id, so that this is the only per-document memory (about 40
    // bytes per document); a collision would only cause a spurious warning.
    if (!ids_.insert(std::hash<std::string>{}(doc.id)).second && !options_.quiet) {
      print_error("{}: warning: document id '{}' was already used by an earlier document",
                  task.origin, doc.id);
    }
    if (jsonl_ != nullptr) *jsonl_ << result.json << '\n';
    g_documents_done.fetch_add(1);
    if (graph_ != nullptr) graph_->add(doc);
    if (summary_ != nullptr) summary_->add(doc);
    if (texts_ != nullptr) texts_->emplace_back(doc, task.text);
  }

  const nercore::Pipeline& pipeline_;
  const Options& options_;
  std::ostream* jsonl_;
  nercore::ActorGraph* graph_;
  Summary* summary_;
  unsigned jobs_ = 1;
  std::size_t max_batch_docs_ = 512;
  Batch batches_[2];
  Batch* filling_ = &batches_[0];  // where add() puts tasks; main thread only
  std::size_t failed_ = 0;
  std::unordered_set<std::uint64_t> ids_;  // hashes of the document ids seen
  std::size_t tasks_added_ = 0;
  std::vector<std::pair<nercore::Document, std::string>>* texts_ = nullptr;

  // Shared with the worker threads. annotating_ (the batch being annotated, or nullptr) is
  // written by the main thread under mutex_, so the main thread may read it without.
  std::mutex mutex_;
  std::condition_variable batch_started_;  // annotating_ set, or stop_
  std::condition_variable worker_left_;    // busy_ fell to 0
  Batch* annotating_ = nullptr;
  std::uint64_t started_ = 0;  // batches started
  unsigned busy_ = 0;          // worker threads annotating annotating_
  bool stop_ = false;
  std::vector<std::thread> workers_;  // jobs - 1 at most, started with the first batch
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
  task.input_bytes = task.text.size();
  ex.add(std::move(task));
}

/// The text of a "date" field: YYYY-MM-DD, possibly followed by a time ("2024-06-19T08:00:00Z").
std::optional<std::string> json_date(const nlohmann::json& value) {
  if (!value.is_string()) return std::nullopt;
  const std::string& s = value.get_ref<const std::string&>();
  if (s.size() > 10 && s[10] != 'T' && s[10] != ' ') return std::nullopt;
  std::string date = s.substr(0, 10);
  if (!nercore::is_valid_date(date)) return std::nullopt;
  return date;
}

/// Reads one line ended by LF, CRLF or a lone CR into `line` (without its end); `consumed` gets
/// its size in the input, line end included. False at the end of the input.
bool read_line(std::istream& in, std::string& line, std::size_t& consumed) {
  line.clear();
  consumed = 0;
  std::streambuf* buf = in.rdbuf();
  for (;;) {
    const int c = buf->sbumpc();
    if (c == std::char_traits<char>::eof()) {
      if (consumed == 0) in.setstate(std::ios::eofbit);
      return consumed > 0;
    }
    ++consumed;
    if (c == '\n') return true;
    if (c == '\r') {
      if (buf->sgetc() == '\n') {
        buf->sbumpc();
        ++consumed;
      }
      return true;
    }
    line.push_back(static_cast<char>(c));
  }
}

/// Adds the documents of a JSON Lines input; a broken line is reported and skipped. Lines may end
/// in LF, CRLF or a lone CR.
void add_jsonl_input(Extractor& ex, const Options& options, const fs::path& path,
                     std::istream& in) {
  const std::string name = display_name(path);
  const std::string id_prefix = path == "-" ? std::string("-") : path.filename().string();
  std::string line;
  std::size_t offset = 0;  // byte offset of the line in the file
  std::size_t counted = 0;  // bytes accounted for by the documents added (progress bar)
  std::size_t consumed = 0;
  for (std::size_t number = 1; read_line(in, line, consumed); ++number) {
    const std::size_t line_offset = offset;
    offset += consumed;
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
    task.input_bytes = offset - counted;
    counted = offset;
    ex.add(std::move(task));
  }
  g_progress.advance(offset - counted);  // skipped lines after the last document
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

/// The files a format is written to: its fixed names in --out-dir, else -o FILE (csv: FILE
/// without .csv, plus .nodes.csv and .edges.csv), or none for standard output.
std::vector<fs::path> output_paths(const std::string& format, const Options& options) {
  if (!options.out_dir.empty()) {
    const fs::path dir(options.out_dir);
    if (format == "jsonl") return {dir / "articles.jsonl"};
    if (format == "graphml") return {dir / "actors.graphml"};
    if (format == "dot") return {dir / "actors.dot"};
    if (format == "json") return {dir / "actors.json"};
    if (format == "csv") return {dir / "actors.nodes.csv", dir / "actors.edges.csv"};
    return {dir / "report.html"};
  }
  if (options.output.empty() || options.output == "-") return {};
  if (format != "csv") return {fs::path(options.output)};
  std::string stem = options.output;
  if (ends_with(stem, ".csv")) stem.resize(stem.size() - 4);
  return {fs::path(stem + ".nodes.csv"), fs::path(stem + ".edges.csv")};
}

/// The GraphFilter of --types, --modalities, --min-documents and --cooccurrence (the values were
/// checked when parsing).
nercore::GraphFilter graph_filter(const Options& options) {
  nercore::GraphFilter filter;
  for (const std::string& t : options.types) {
    if (const auto type = nercore::parse_relation_type(t)) filter.types.push_back(*type);
  }
  for (const std::string& m : options.modalities) {
    if (const auto modality = nercore::parse_modality(m)) filter.modalities.push_back(*modality);
  }
  filter.min_documents = options.min_documents;
  filter.cooccurrence = options.cooccurrence;
  return filter;
}

/// The report's title: "nercore report: INPUT" (or "INPUT and N more").
std::string report_title(const Options& options) {
  std::string title = "nercore report";
  if (options.inputs.empty()) return title;
  const std::string first = options.inputs.front() == "-" ? "standard input" : options.inputs.front();
  title += ": " + first;
  if (options.inputs.size() > 1) title += fmt::format(" and {} more", options.inputs.size() - 1);
  return title;
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
  nercore::DirectoryOptions directory;
  directory.gazetteer_cache = options.gazetteer_cache;
  nercore::GazetteerCacheUse cache_use = nercore::GazetteerCacheUse::none;
  nercore::Result<nercore::Pipeline> loaded = nercore::Pipeline::from_directory(gazetteers, directory, &cache_use);
  if (!loaded) {
    print_error("cannot load the gazetteers in '{}': {}", gazetteers.string(),
                loaded.error().to_string());
    return kExitGazetteers;
  }
  if (cache_use == nercore::GazetteerCacheUse::written && !options.quiet)
    std::cerr << kProgram << ": gazetteer snapshot written to " << options.gazetteer_cache
              << " (later runs on the same files read it)\n";
  if (options.explain) {
    // Same pipeline, with the resolver recording why each candidate was kept or dropped.
    nercore::PipelineOptions explained = loaded->options();
    explained.resolve.explain = true;
    loaded = nercore::Pipeline::create(std::move(explained));
  }
  const nercore::Pipeline& pipeline = *loaded;

  // Outputs are opened before any work, so that an unwritable output fails at once. --out-dir
  // writes each of --formats to its file; otherwise --format goes to -o FILE or standard output.
  const bool to_stdout =
      options.out_dir.empty() && (options.output.empty() || options.output == "-");
  const std::vector<std::string> formats =
      options.out_dir.empty() ? std::vector<std::string>{options.format} : options.formats;
  std::deque<AtomicOutput> files;  // a deque: AtomicOutput does not move
  std::map<std::string, std::vector<std::ostream*>> streams;  // csv: nodes, then edges
  install_signal_handlers();
  for (const std::string& format : formats) {
    const std::vector<fs::path> paths = output_paths(format, options);
    if (paths.empty()) streams[format].push_back(&std::cout);
    for (const fs::path& path : paths) {
      AtomicOutput& file = files.emplace_back();
      if (std::string error = file.open(path); !error.empty()) {
        print_error("{}", error);
        return kExitOutput;
      }
      streams[format].push_back(&file.stream());
    }
  }
  const auto wants = [&](const char* format) { return streams.count(format) != 0; };
  const bool want_graph = std::any_of(formats.begin(), formats.end(),
                                      [](const std::string& f) { return f != "jsonl"; });

  nercore::ActorGraph graph;
  Summary summary;
  std::vector<std::pair<nercore::Document, std::string>> texts;  // for the HTML report
  Extractor ex(pipeline, options, wants("jsonl") ? streams["jsonl"].front() : nullptr,
               want_graph ? &graph : nullptr, options.summary ? &summary : nullptr);
  if (wants("html")) ex.keep_texts(&texts);
  const std::vector<Source> sources = expand_inputs(ex, options);
  std::vector<std::uint64_t> sizes;
  for (const Source& source : sources) {
    std::error_code size_ec;
    const std::uintmax_t size = source.path == "-" ? 0 : fs::file_size(source.path, size_ec);
    sizes.push_back(size_ec ? 0 : size);
  }
  const bool show_progress = !options.quiet && !options.no_progress && ::isatty(STDERR_FILENO) == 1;
  g_progress.start(show_progress,
                   std::chrono::milliseconds(options.progress ? 0 : 500), sources.size(),
                   std::accumulate(sizes.begin(), sizes.end(), std::uint64_t{0}));
  g_inputs_total = sources.size();
  for (std::size_t i = 0; i < sources.size(); ++i) {
    g_inputs_started = i + 1;
    const std::size_t before = ex.tasks_added();
    add_source(ex, options, sources[i]);
    ex.end_source(before, sizes[i]);
    g_progress.tick();
  }
  ex.flush();
  g_progress.clear();

  const nercore::GraphFilter filter = graph_filter(options);
  for (const auto& [format, outs] : streams) {
    if (format == "graphml") graph.write_graphml(*outs.front(), filter);
    if (format == "dot") nercore::write_dot(*outs.front(), graph, filter);
    if (format == "json") nercore::write_node_link_json(*outs.front(), graph, filter);
    if (format == "csv" && outs.size() == 2) {
      nercore::write_csv_nodes(*outs[0], graph);
      nercore::write_csv_edges(*outs[1], graph, filter);
    }
    if (format == "html") {
      nercore::HtmlOptions html;
      html.title = report_title(options);
      html.filter = filter;
      nercore::write_html_report(*outs.front(), texts, graph, html);
    }
  }

  int code = ex.failed() > 0 ? kExitInputFailed : kExitOk;
  if (to_stdout) {
    std::cout.flush();
    if (!std::cout) {
      print_error("cannot write to standard output");
      code = kExitOutput;
    }
  } else {
    for (AtomicOutput& file : files) {
      if (std::string error = file.commit(); !error.empty()) {
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
      "from French news texts, as JSON Lines, an actor graph (GraphML, DOT, JSON, CSV) or an "
      "HTML report.",
      kProgram};
  app.footer(kFooter);
  app.set_version_flag("--version", fmt::format("{} {} (libnercore {}; allocator {})", kProgram,
                                                NERCORE_VERSION_STRING, nercore::version(), allocator_name()));
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
  auto* format =
      app.add_option("--format", options.format,
                     "Output format: jsonl, graphml, dot, json, csv or html (jsonl, or after the "
                     "extension of -o FILE; see Outputs below)")
          ->check(CLI::IsMember(kFormats));
  auto* output = app.add_option("-o,--output", options.output, "Output file (standard output)")
                     ->type_name("FILE");
  auto* out_dir = app.add_option("--out-dir", options.out_dir,
                                 "Write each of --formats to DIR (articles.jsonl, actors.graphml)")
                      ->type_name("DIR")
                      ->excludes(format)
                      ->excludes(output);
  app.add_option("--formats", options.formats,
                 "What --out-dir writes, comma-separated (jsonl,graphml; see Outputs below)")
      ->needs(out_dir)
      ->delimiter(',')
      ->allow_extra_args(false)
      ->type_name("LIST")
      ->check(CLI::IsMember(kFormats));
  app.add_option("--types", options.types,
                 "Graph outputs: only these relation types, comma-separated (SUPPORT,ACCUSE,...; "
                 "all)")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->type_name("LIST")
      ->transform(CLI::Validator(
          [](std::string& s) {
            for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            const auto type = nercore::parse_relation_type(s);
            if (type == nercore::RelationType::co_occurs) return std::string("use --cooccurrence");
            return type ? std::string() : "not a relation type: " + s;
          },
          ""));
  app.add_option("--modalities", options.modalities,
                 "Graph outputs: only edges stated with one of these modalities, comma-separated "
                 "(asserted,reported,future,negated; all)")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->type_name("LIST")
      ->transform(CLI::Validator(
          [](std::string& s) {
            for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return nercore::parse_modality(s) ? std::string() : "not a modality: " + s;
          },
          ""));
  app.add_option("--min-documents", options.min_documents,
                 "Graph outputs: only edges stated in at least N documents (1)")
      ->type_name("N")
      ->check(CLI::Range(1U, 1000000000U));
  app.add_flag("--cooccurrence", options.cooccurrence,
               "Graph outputs: add CO_OCCURS edges (actors named in the same sentence)");
  app.add_flag("--summary", options.summary,
               "Print counts and the 10 strongest relations (to stderr if the output is stdout)");
  app.add_option("--gazetteers", options.gazetteers, "Gazetteer directory (see below)")
      ->type_name("DIR");
  app.add_option("--gazetteer-cache", options.gazetteer_cache,
                 "Gazetteer snapshot: read if it was made from the directory's current files, else "
                 "built and written (large gazetteers load many times faster)")
      ->type_name("FILE");
  app.add_option("--date", options.date, "Date of inputs that have none, for descriptors (today)")
      ->type_name("YYYY-MM-DD")
      ->check(CLI::Validator(
          [](std::string& s) {
            return nercore::is_valid_date(s) ? std::string() : "not a date YYYY-MM-DD: " + s;
          },
          ""));
  app.add_flag("--replace-invalid", options.replace_invalid,
               "Replace invalid UTF-8 by U+FFFD instead of failing");
  app.add_option("-j,--jobs", options.jobs, "Threads (1; 0 = one per core)")
      ->type_name("N")
      ->check(CLI::Range(0U, 1024U));
  app.add_flag("--explain", options.explain,
               "Add to each JSON document an \"explain\" list: every candidate mention, the gazetteer "
               "entry or rule that proposed it, and why it was kept or lost to an overlapping one");
  app.add_flag("-q,--quiet", options.quiet, "Print errors only, no warnings, no progress bar");
  auto* progress = app.add_flag("--progress", options.progress,
                                "Show the progress bar at once (on a terminal; see Progress below)");
  app.add_flag("--no-progress", options.no_progress, "Never show the progress bar")
      ->excludes(progress);
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
  if (format->count() == 0) {
    // Without --format, the extension of -o FILE chooses.
    for (const auto& [extension, name] : {std::pair{".graphml", "graphml"}, std::pair{".dot", "dot"},
                                          std::pair{".gv", "dot"}, std::pair{".json", "json"},
                                          std::pair{".csv", "csv"}, std::pair{".html", "html"},
                                          std::pair{".htm", "html"}}) {
      if (ends_with(options.output, extension)) options.format = name;
    }
  }
  if (options.out_dir.empty() && options.format == "csv" &&
      (options.output.empty() || options.output == "-")) {
    std::cerr << kProgram
              << ": --format csv writes two files (nodes and edges): give -o FILE.csv or "
                 "--out-dir DIR\nRun with --help for more information.\n";
    return kExitUsage;
  }
  {
    // --formats jsonl,jsonl writes once.
    std::vector<std::string> unique;
    for (const std::string& f : options.formats) {
      if (std::find(unique.begin(), unique.end(), f) == unique.end()) unique.push_back(f);
    }
    options.formats = std::move(unique);
  }

  try {
    return run(options, argc > 0 ? argv[0] : nullptr);
  } catch (const std::exception& e) {
    print_error("unexpected error: {}", e.what());
    return kExitInputFailed;
  }
}
