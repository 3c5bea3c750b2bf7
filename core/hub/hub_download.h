#pragma once
// Downloading a model from the Hugging Face hub into the local cache, in exactly the layout huggingface_hub writes
// (model/hub_cache.h), so Python tools and vitlens share the files. Per file: a metadata request to
// {endpoint}/{repo}/resolve/{revision}/{file} (X-Repo-Commit; X-Linked-Etag or ETag; X-Linked-Size or
// Content-Length), the blob fetched into blobs/{etag}.incomplete (redirects followed, the token never sent to
// another host, an interrupted transfer resumed with Range), its size checked, renamed to blobs/{etag}, linked from
// snapshots/{commit}/{file} by a relative symbolic link (a copy where links fail), refs/{revision} written last; a
// lock file under .locks/ keeps two vitlens processes off one blob. Only config.json, model.safetensors and
// preprocessor_config.json are fetched: pickled weights (.bin) can run code and are never downloaded. libcurl;
// free of torch and Qt.
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

#include "model/hub_cache.h"

namespace vitlens {

// HF_ENDPOINT, else https://huggingface.co.
std::string hubEndpoint();
// HF_TOKEN, else the file `huggingface-cli login` writes ($HF_HOME/token, else ~/.cache/huggingface/token), else "".
std::string hubToken();
// HF_HUB_OFFLINE=1 (or true / yes): the cache only.
bool hubOffline();

struct HubDownloadOptions {
  std::string endpoint;  // empty: hubEndpoint()
  std::string token;     // empty: hubToken()
  std::string cacheDir;  // empty: hubCacheDir()
};

struct DownloadProgress {
  std::string file;    // the file being fetched
  uint64_t done = 0;   // its bytes so far (including those resumed)
  uint64_t total = 0;  // its size, from the metadata
};
// Called as bytes arrive; returning false cancels (DownloadCancelled is thrown, the .incomplete file stays to resume).
using DownloadCallback = std::function<bool(const DownloadProgress&)>;

class DownloadCancelled : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Downloads the model's files and returns its snapshot folder. std::runtime_error with a one-line reason for an
// unknown repository (404), a gated one without a token (401 / 403), no model.safetensors, a size that does not
// match, the network failing, or HF_HUB_OFFLINE.
std::string downloadHubModel(const HubReference& reference, const HubDownloadOptions& options = {},
                             const DownloadCallback& progress = {});

// The snapshot in the cache, downloading it first when it is missing and the hub may be used.
std::string ensureHubModel(const HubReference& reference, const DownloadCallback& progress = {});

}  // namespace vitlens
