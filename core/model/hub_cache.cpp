#include "model/hub_cache.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace vitlens {
namespace {

namespace fs = std::filesystem;

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::string(value) : std::string();
}

// A small text file's first line (refs/REV holds one commit hash), or "".
std::string firstLine(const fs::path& path) {
  std::error_code error;
  if (!fs::is_regular_file(path, error) || fs::file_size(path, error) > 4096) return {};
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\n')) line.pop_back();
  return line;
}

bool isHex(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return std::isxdigit(c) != 0; });
}

// "models--ORG--NAME" <-> "ORG/NAME"; the hub forbids "--" inside names, so the split is exact.
std::string folderOf(const std::string& repo) {
  std::string name = repo;
  for (size_t at = name.find('/'); at != std::string::npos; at = name.find('/', at + 2)) name.replace(at, 1, "--");
  return "models--" + name;
}

std::string repoOf(const std::string& folder) {
  std::string name = folder.substr(std::string("models--").size());
  for (size_t at = name.find("--"); at != std::string::npos; at = name.find("--", at + 1)) name.replace(at, 2, "/");
  return name;
}

// What the snapshot's config.json says: library, architecture, and whether vitlens opens it.
void describeSnapshot(const fs::path& snapshot, CachedModel& model) {
  std::error_code error;
  bool safetensors = false, pickled = false;
  for (const auto& entry : fs::directory_iterator(snapshot, error)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".safetensors") safetensors = true;
    if (entry.path().extension() == ".bin" || entry.path().extension() == ".pth") pickled = true;
    const auto size = fs::file_size(entry.path(), error);  // follows the link into blobs/
    if (!error) model.bytes += size;
    error.clear();
  }
  const fs::path config = snapshot / "config.json";
  nlohmann::json json;
  try {
    std::error_code sizeError;
    if (fs::file_size(config, sizeError) > (1u << 22) || sizeError) throw std::runtime_error("no config");
    std::ifstream in(config);
    json = nlohmann::json::parse(in);
  } catch (const std::exception&) {
    model.reason = "no readable config.json";
    return;
  }
  if (!json.is_object()) {
    model.reason = "config.json is not an object";
    return;
  }
  bool vit = false;
  if (json.contains("architecture") && json["architecture"].is_string()) {
    model.library = "timm";
    model.architecture = json["architecture"].get<std::string>();
    vit = model.architecture.rfind("vit_", 0) == 0 || model.architecture.rfind("deit", 0) == 0;
  } else if (json.contains("model_type") && json["model_type"].is_string()) {
    model.library = "transformers";
    const std::string type = json["model_type"].get<std::string>();
    model.architecture = type;
    if (json.contains("architectures") && json["architectures"].is_array() && !json["architectures"].empty() &&
        json["architectures"][0].is_string()) {
      model.architecture = json["architectures"][0].get<std::string>();
    }
    vit = type == "vit" || type == "deit";
  }
  if (!vit) {
    model.reason =
        model.architecture.empty() ? "not a timm or transformers model" : model.architecture + " is not a ViT";
  } else if (!safetensors) {
    model.reason = pickled ? "only pickled weights (.bin), which vitlens never loads: they can run code"
                           : "no .safetensors weights";
  } else {
    model.supported = true;
  }
}

}  // namespace

std::string hubCacheDir() {
  if (const std::string cache = environment("HF_HUB_CACHE"); !cache.empty()) return cache;
  if (const std::string home = environment("HF_HOME"); !home.empty()) return (fs::path(home) / "hub").string();
  if (const std::string xdg = environment("XDG_CACHE_HOME"); !xdg.empty()) {
    return (fs::path(xdg) / "huggingface" / "hub").string();
  }
  return (fs::path(environment("HOME")) / ".cache" / "huggingface" / "hub").string();
}

bool isHubReference(const std::string& text) { return text.rfind("hf:", 0) == 0; }

std::string hubRepoFolder(const std::string& repo) { return folderOf(repo); }

HubReference parseHubReference(const std::string& text) {
  const auto bad = [&](const std::string& why) {
    return std::invalid_argument("'" + text + "' is not a Hugging Face model (hf:ORG/NAME[@REVISION]): " + why);
  };
  if (!isHubReference(text)) throw bad("it does not start with hf:");
  std::string rest = text.substr(3);
  HubReference reference;
  if (const size_t at = rest.find('@'); at != std::string::npos) {
    reference.revision = rest.substr(at + 1);
    rest = rest.substr(0, at);
    if (reference.revision.empty()) throw bad("empty revision after @");
  }
  const size_t slash = rest.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == rest.size() ||
      rest.find('/', slash + 1) != std::string::npos) {
    throw bad("the repository must be ORG/NAME");
  }
  for (char c : rest + reference.revision) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == '/')) {
      throw bad(std::string("'") + c + "' is not allowed in a repository or revision");
    }
  }
  if (rest.find("..") != std::string::npos || reference.revision.find("..") != std::string::npos) throw bad("'..'");
  reference.repo = rest;
  return reference;
}

std::string resolveHubSnapshot(const HubReference& reference, const std::string& cacheDir) {
  const fs::path repo = fs::path(cacheDir) / folderOf(reference.repo);
  const std::string fetch = "; download it with `vitlens-cli download " + reference.repo +
                            (reference.revision == "main" ? "" : "@" + reference.revision) +
                            "` (or `huggingface-cli download " + reference.repo +
                            (reference.revision == "main" ? "" : " --revision " + reference.revision) + "`)";
  std::error_code error;
  if (!fs::is_directory(repo, error)) {
    throw std::runtime_error("hf:" + reference.repo + " is not in the Hugging Face cache (" + cacheDir + ")" + fetch);
  }
  // A branch or tag names a commit in refs/; a commit hash names its snapshot directly.
  std::string commit = firstLine(repo / "refs" / reference.revision);
  if (commit.empty() && isHex(reference.revision)) commit = reference.revision;
  const fs::path snapshot = repo / "snapshots" / commit;
  if (commit.empty() || !fs::is_directory(snapshot, error)) {
    throw std::runtime_error("hf:" + reference.repo + "@" + reference.revision +
                             ": that revision is not in the Hugging Face cache (" + repo.string() + ")" + fetch);
  }
  return snapshot.string();
}

std::string CachedModel::reference() const {
  return "hf:" + repo + "@" + (revisions.empty() ? commit : revisions.front());
}

std::vector<CachedModel> listCachedModels(const std::string& cacheDir) {
  std::vector<CachedModel> models;
  std::error_code error;
  if (!fs::is_directory(cacheDir, error)) return models;
  for (const auto& repo : fs::directory_iterator(cacheDir, error)) {
    const std::string folder = repo.path().filename().string();
    if (folder.rfind("models--", 0) != 0 || !repo.is_directory(error)) continue;  // datasets--, spaces--, .locks
    std::vector<std::pair<std::string, std::string>> refs;                        // (name, commit)
    for (const auto& ref : fs::recursive_directory_iterator(repo.path() / "refs", error)) {
      if (ref.is_regular_file(error)) {
        refs.emplace_back(fs::relative(ref.path(), repo.path() / "refs", error).string(), firstLine(ref.path()));
      }
    }
    error.clear();
    for (const auto& snapshot : fs::directory_iterator(repo.path() / "snapshots", error)) {
      if (!snapshot.is_directory(error)) continue;
      CachedModel model;
      model.repo = repoOf(folder);
      model.commit = snapshot.path().filename().string();
      model.snapshot = snapshot.path().string();
      for (const auto& [name, commit] : refs) {
        if (commit == model.commit) model.revisions.push_back(name);
      }
      std::sort(model.revisions.begin(), model.revisions.end(), [](const std::string& a, const std::string& b) {
        return (a == "main") != (b == "main") ? a == "main" : a < b;  // main first
      });
      const auto time = fs::last_write_time(snapshot.path(), error);
      if (!error) {
        model.modified =
            std::chrono::duration_cast<std::chrono::seconds>(time - fs::file_time_type::clock::now() +
                                                             std::chrono::system_clock::now().time_since_epoch())
                .count();
      }
      describeSnapshot(snapshot.path(), model);
      models.push_back(std::move(model));
    }
    error.clear();
  }
  std::sort(models.begin(), models.end(), [](const CachedModel& a, const CachedModel& b) {
    return a.repo != b.repo ? a.repo < b.repo : a.modified > b.modified;
  });
  return models;
}

}  // namespace vitlens
