#pragma once
// The Hugging Face hub's local cache, as huggingface_hub writes it (so the models timm and transformers have
// already downloaded open here): CACHE/models--ORG--NAME/{refs/REV, snapshots/COMMIT/FILE, blobs/ETAG}, where
// refs/REV holds a commit hash and a snapshot's files are symbolic links into blobs/. CACHE is HF_HUB_CACHE, else
// $HF_HOME/hub, else $XDG_CACHE_HOME/huggingface/hub, else ~/.cache/huggingface/hub. Free of torch.
#include <cstdint>
#include <string>
#include <vector>

namespace vitlens {

// Where the cache is, from the environment as above.
std::string hubCacheDir();

// "hf:ORG/NAME[@REV]" (REV: a branch or tag with a refs/ file, or a commit hash; default "main").
struct HubReference {
  std::string repo;  // "ORG/NAME"
  std::string revision = "main";
};
bool isHubReference(const std::string& text);
// "ORG/NAME" -> "models--ORG--NAME", the repository's folder in the cache.
std::string hubRepoFolder(const std::string& repo);
// std::invalid_argument for a malformed reference ("hf:", "hf:name", "hf:a/b/c", "hf:a/b@").
HubReference parseHubReference(const std::string& text);
// The snapshot folder of that reference in `cacheDir`. Throws std::runtime_error, naming the cache and what to
// do, when the repository or revision is not there.
std::string resolveHubSnapshot(const HubReference& reference, const std::string& cacheDir);

// One snapshot of one model repository in the cache.
struct CachedModel {
  std::string repo;                    // "ORG/NAME"
  std::string commit;                  // the snapshot folder's name
  std::vector<std::string> revisions;  // the refs pointing at it ("main", ...); empty: a detached snapshot
  std::string snapshot;                // the folder to open
  std::string library;                 // "timm", "transformers" or "" (unknown)
  std::string architecture;            // timm's "architecture", transformers' "architectures"[0] or model_type
  uint64_t bytes = 0;                  // the snapshot's files (what the links point at)
  int64_t modified = 0;                // the snapshot folder's modification time, seconds since 1970
  bool supported = false;              // a ViT vitlens can open: safetensors weights and a ViT / DeiT config
  std::string reason;                  // why not, when not supported
  // "hf:ORG/NAME@REV": the first revision naming it, else its commit.
  std::string reference() const;
};

// Every model snapshot in the cache (datasets and spaces are not models), sorted by repository, newest first
// within one. A missing cache is an empty list; an unreadable entry is skipped.
std::vector<CachedModel> listCachedModels(const std::string& cacheDir);

}  // namespace vitlens
