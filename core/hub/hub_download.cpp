#include "hub/hub_download.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <system_error>

namespace vitlens {
namespace {

namespace fs = std::filesystem;

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::string(value) : std::string();
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string trim(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  size_t start = 0;
  while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start]))) ++start;
  return text.substr(start);
}

void initialiseCurl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Response {
  long status = 0;
  std::map<std::string, std::string> headers;  // lower-case names, of the last response
};

size_t collectHeader(char* data, size_t size, size_t count, void* user) {
  auto* response = static_cast<Response*>(user);
  const std::string line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) response->headers.clear();  // a new response (after a redirect)
  const size_t colon = line.find(':');
  if (colon != std::string::npos) response->headers[lower(trim(line.substr(0, colon)))] = trim(line.substr(colon + 1));
  return size * count;
}

// One easy handle with vitlens's defaults: the token for the hub's host only, timeouts that notice a dead
// connection, no proxy surprises beyond the environment's.
struct Request {
  CURL* curl = nullptr;
  curl_slist* headers = nullptr;
  Response response;
  char error[CURL_ERROR_SIZE] = {0};

  Request(const std::string& url, const std::string& token) {
    initialiseCurl();
    curl = curl_easy_init();
    if (curl == nullptr) throw std::runtime_error("could not start an HTTP request (libcurl)");
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collectHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "vitlens/0.1 (libcurl)");
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 20L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);  // under 1 byte/s for 60 s: the connection is dead
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    headers = curl_slist_append(headers, "Accept-Encoding: identity");  // sizes are of the bytes on disk
    // A custom Authorization header is not sent to another host after a redirect (CURLOPT_UNRESTRICTED_AUTH off).
    if (!token.empty()) headers = curl_slist_append(headers, ("Authorization: Bearer " + token).c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  }
  ~Request() {
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
  }
  Request(const Request&) = delete;
  Request& operator=(const Request&) = delete;

  CURLcode perform() {
    const CURLcode code = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    return code;
  }
  std::string failure(CURLcode code) const { return error[0] != '\0' ? std::string(error) : curl_easy_strerror(code); }
};

struct FileMetadata {
  std::string commit;
  std::string etag;
  uint64_t size = 0;
  std::string url;  // where the bytes are (the resolve URL; redirects are followed when fetching)
};

std::string statusReason(long status, const std::string& repo, const std::string& file) {
  if (status == 401 || status == 403) {
    return repo +
           " needs a Hugging Face token (a gated or private model): accept its terms on the hub, then set "
           "HF_TOKEN or run `huggingface-cli login`";
  }
  if (status == 404) return repo + ": no " + file + " (unknown repository or revision)";
  return repo + ": the hub answered HTTP " + std::to_string(status) + " for " + file;
}

// nullopt-like: commit empty when the file does not exist (404) and `optional` is set.
FileMetadata metadata(const std::string& endpoint, const HubReference& reference, const std::string& file,
                      const std::string& token, bool optional) {
  FileMetadata meta;
  meta.url = endpoint + "/" + reference.repo + "/resolve/" + reference.revision + "/" + file;
  Request request(meta.url, token);
  curl_easy_setopt(request.curl, CURLOPT_NOBODY, 1L);
  curl_easy_setopt(request.curl, CURLOPT_FOLLOWLOCATION, 0L);  // the hub's own answer carries the metadata
  curl_easy_setopt(request.curl, CURLOPT_TIMEOUT, 60L);
  const CURLcode code = request.perform();
  if (code != CURLE_OK)
    throw std::runtime_error(reference.repo + ": cannot reach " + endpoint + " (" + request.failure(code) + ")");
  const long status = request.response.status;
  if (status == 404 && optional) return meta;
  if (status != 200 && (status < 300 || status >= 400))
    throw std::runtime_error(statusReason(status, reference.repo, file));
  const auto header = [&](const char* name) {
    const auto found = request.response.headers.find(name);
    return found == request.response.headers.end() ? std::string() : found->second;
  };
  meta.commit = header("x-repo-commit");
  std::string etag = header("x-linked-etag");
  if (etag.empty()) etag = header("etag");
  if (etag.rfind("W/", 0) == 0) etag = etag.substr(2);
  etag.erase(std::remove(etag.begin(), etag.end(), '"'), etag.end());
  meta.etag = etag;
  std::string size = header("x-linked-size");
  if (size.empty()) size = header("content-length");
  const bool hexCommit = !meta.commit.empty() && std::all_of(meta.commit.begin(), meta.commit.end(), [](char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) != 0;
  });
  const bool safeEtag = !etag.empty() && etag.find('/') == std::string::npos && etag.find("..") == std::string::npos;
  if (!hexCommit || !safeEtag || size.empty() || !std::all_of(size.begin(), size.end(), ::isdigit)) {
    throw std::runtime_error(reference.repo + ": the hub's answer for " + file +
                             " lacks a commit, an ETag or a size (not a Hugging Face endpoint?)");
  }
  meta.size = std::stoull(size);
  return meta;
}

struct Fetch {
  std::FILE* out = nullptr;
  uint64_t offset = 0;   // bytes already on disk when the transfer started
  uint64_t written = 0;  // bytes written by this transfer
  CURL* curl = nullptr;
  bool restarted = false;  // the server ignored Range: the partial file was discarded
  const DownloadCallback* progress = nullptr;
  DownloadProgress report;
  bool cancelled = false;
};

size_t writeBody(char* data, size_t size, size_t count, void* user) {
  auto* fetch = static_cast<Fetch*>(user);
  if (fetch->written == 0 && fetch->offset > 0) {
    long status = 0;
    curl_easy_getinfo(fetch->curl, CURLINFO_RESPONSE_CODE, &status);
    if (status == 200) {  // a full answer to a Range request: start over
      if (std::fflush(fetch->out) != 0 || ::ftruncate(::fileno(fetch->out), 0) != 0) return 0;
      std::rewind(fetch->out);
      fetch->offset = 0;
      fetch->restarted = true;
    }
  }
  const size_t bytes = size * count;
  if (std::fwrite(data, 1, bytes, fetch->out) != bytes) return 0;
  fetch->written += bytes;
  return bytes;
}

int reportProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* fetch = static_cast<Fetch*>(user);
  fetch->report.done = fetch->offset + fetch->written;
  if (fetch->progress != nullptr && *fetch->progress && !(*fetch->progress)(fetch->report)) {
    fetch->cancelled = true;
    return 1;
  }
  return 0;
}

// An exclusive lock on .locks/models--ORG--NAME/{etag}.lock, released on destruction.
class BlobLock {
 public:
  BlobLock(const fs::path& path) {
    std::error_code error;
    fs::create_directories(path.parent_path(), error);
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ >= 0) ::flock(fd_, LOCK_EX);
  }
  ~BlobLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  BlobLock(const BlobLock&) = delete;
  BlobLock& operator=(const BlobLock&) = delete;

 private:
  int fd_ = -1;
};

void fetchBlob(const FileMetadata& meta, const fs::path& blob, const std::string& token, const std::string& file,
               const DownloadCallback& progress) {
  const fs::path incomplete = blob.string() + ".incomplete";
  constexpr int kAttempts = 4;  // a dropped connection is resumed from where it stopped
  std::string lastError;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    std::error_code error;
    const uint64_t have = fs::exists(incomplete, error) ? fs::file_size(incomplete, error) : 0;
    if (have > meta.size) fs::remove(incomplete, error);  // longer than the file: not a prefix of it
    Fetch fetch;
    fetch.offset = have > meta.size ? 0 : have;
    fetch.out = std::fopen(incomplete.c_str(), fetch.offset > 0 ? "ab" : "wb");
    if (fetch.out == nullptr) throw std::runtime_error("cannot write " + incomplete.string());
    Request request(meta.url, token);
    fetch.curl = request.curl;
    fetch.progress = &progress;
    fetch.report = {file, fetch.offset, meta.size};
    curl_easy_setopt(request.curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(request.curl, CURLOPT_MAXREDIRS, 10L);
    curl_easy_setopt(request.curl, CURLOPT_WRITEFUNCTION, writeBody);
    curl_easy_setopt(request.curl, CURLOPT_WRITEDATA, &fetch);
    curl_easy_setopt(request.curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(request.curl, CURLOPT_XFERINFOFUNCTION, reportProgress);
    curl_easy_setopt(request.curl, CURLOPT_XFERINFODATA, &fetch);
    if (fetch.offset > 0)
      curl_easy_setopt(request.curl, CURLOPT_RESUME_FROM_LARGE, static_cast<curl_off_t>(fetch.offset));
    const CURLcode code = request.perform();
    const bool closed = std::fclose(fetch.out) == 0;
    if (fetch.cancelled) throw DownloadCancelled("download cancelled: " + file);
    const long status = request.response.status;
    if (code == CURLE_OK && status >= 400) {
      fs::remove(incomplete, error);
      throw std::runtime_error(statusReason(status, meta.url, file));
    }
    const uint64_t size = fs::file_size(incomplete, error);
    if (code == CURLE_OK && closed && size == meta.size) {
      fs::rename(incomplete, blob, error);
      if (error) throw std::runtime_error("cannot move " + incomplete.string() + " into place: " + error.message());
      return;
    }
    if (code == CURLE_OK && size != meta.size) {
      // The server sent a whole answer of the wrong length: nothing may be left that looks like the file.
      fs::remove(incomplete, error);
      throw std::runtime_error(file + ": the hub announced " + std::to_string(meta.size) + " bytes but sent " +
                               std::to_string(size) + "; nothing was kept");
    }
    lastError = request.failure(code);
  }
  throw std::runtime_error(file + ": the download kept failing (" + lastError + "); run the command again to resume");
}

// snapshots/{commit}/{file} -> ../../blobs/{etag}, or a copy where symbolic links fail (some file systems).
void linkIntoSnapshot(const fs::path& repo, const FileMetadata& meta, const std::string& file) {
  const fs::path snapshot = repo / "snapshots" / meta.commit;
  std::error_code error;
  fs::create_directories(snapshot, error);
  const fs::path link = snapshot / file;
  fs::remove(link, error);
  fs::create_symlink(fs::path("../../blobs") / meta.etag, link, error);
  if (error) {
    error.clear();
    fs::copy_file(repo / "blobs" / meta.etag, link, fs::copy_options::overwrite_existing, error);
    if (error) throw std::runtime_error("cannot place " + link.string() + ": " + error.message());
  }
}

void writeRef(const fs::path& repo, const HubReference& reference, const std::string& commit) {
  if (reference.revision == commit) return;  // a commit needs no ref
  const fs::path ref = repo / "refs" / reference.revision;
  std::error_code error;
  fs::create_directories(ref.parent_path(), error);
  const fs::path temporary = ref.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << commit;
    if (!out) throw std::runtime_error("cannot write " + temporary.string());
  }
  fs::rename(temporary, ref, error);
  if (error) throw std::runtime_error("cannot write " + ref.string() + ": " + error.message());
}

}  // namespace

std::string hubEndpoint() {
  std::string endpoint = environment("HF_ENDPOINT");
  if (endpoint.empty()) endpoint = "https://huggingface.co";
  while (!endpoint.empty() && endpoint.back() == '/') endpoint.pop_back();
  return endpoint;
}

std::string hubToken() {
  if (const std::string token = trim(environment("HF_TOKEN")); !token.empty()) return token;
  const std::string home = environment("HF_HOME");
  const fs::path file =
      !home.empty() ? fs::path(home) / "token" : fs::path(environment("HOME")) / ".cache" / "huggingface" / "token";
  std::error_code error;
  if (!fs::is_regular_file(file, error) || fs::file_size(file, error) > 4096) return {};
  std::ifstream in(file);
  std::string token;
  std::getline(in, token);
  return trim(token);
}

bool hubOffline() {
  const std::string value = lower(environment("HF_HUB_OFFLINE"));
  return value == "1" || value == "true" || value == "yes" || value == "on";
}

std::string downloadHubModel(const HubReference& reference, const HubDownloadOptions& options,
                             const DownloadCallback& progress) {
  if (hubOffline()) {
    throw std::runtime_error("hf:" + reference.repo +
                             ": HF_HUB_OFFLINE is set, so nothing is downloaded; unset it, or "
                             "fetch the model on a machine that is online");
  }
  const std::string endpoint = options.endpoint.empty() ? hubEndpoint() : options.endpoint;
  const std::string token = options.token.empty() ? hubToken() : options.token;
  const std::string cache = options.cacheDir.empty() ? hubCacheDir() : options.cacheDir;
  const fs::path repo = fs::path(cache) / hubRepoFolder(reference.repo);
  struct Wanted {
    const char* file;
    bool optional;
  };
  std::string commit;
  for (const Wanted& wanted :
       {Wanted{"config.json", false}, Wanted{"model.safetensors", false}, Wanted{"preprocessor_config.json", true}}) {
    FileMetadata meta;
    try {
      meta = metadata(endpoint, reference, wanted.file, token, wanted.optional);
    } catch (const std::runtime_error& e) {
      if (std::string(wanted.file) == "model.safetensors" &&
          std::string(e.what()).find("no model.safetensors") != std::string::npos) {
        throw std::runtime_error(reference.repo +
                                 " has no model.safetensors: vitlens loads safetensors weights only "
                                 "(pickled .bin files can run code and are never fetched)");
      }
      throw;
    }
    if (meta.commit.empty()) continue;  // an optional file the repository does not have
    if (!commit.empty() && meta.commit != commit) {
      throw std::runtime_error(reference.repo + ": the revision moved while downloading; run the command again");
    }
    commit = meta.commit;
    std::error_code error;
    fs::create_directories(repo / "blobs", error);
    if (error) throw std::runtime_error("cannot create " + (repo / "blobs").string() + ": " + error.message());
    const fs::path blob = repo / "blobs" / meta.etag;
    {
      const BlobLock lock(fs::path(cache) / ".locks" / hubRepoFolder(reference.repo) / (meta.etag + ".lock"));
      const bool have = fs::is_regular_file(blob, error) && fs::file_size(blob, error) == meta.size;
      if (!have) fetchBlob(meta, blob, token, wanted.file, progress);
    }
    linkIntoSnapshot(repo, meta, wanted.file);
  }
  writeRef(repo, reference, commit);
  return (repo / "snapshots" / commit).string();
}

std::string ensureHubModel(const HubReference& reference, const DownloadCallback& progress) {
  try {
    return resolveHubSnapshot(reference, hubCacheDir());
  } catch (const std::runtime_error& notCached) {
    if (hubOffline()) {
      throw std::runtime_error(std::string(notCached.what()).substr(0, std::string(notCached.what()).find("; fetch")) +
                               " and HF_HUB_OFFLINE is set");
    }
  }
  return downloadHubModel(reference, {}, progress);
}

}  // namespace vitlens
