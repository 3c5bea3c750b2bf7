#pragma once
// How much memory a forward (or training) pass will ask for, checked before it runs. Attention memory grows with
// the square of the token count: a 1 MB model with 65,536 patches, a config.json asking for 2048 x 2048 input or
// --input-size 1024 on a patch-4 model would ask for tens of gigabytes and end in a crash or the OOM killer; the
// estimate refuses them first, with a message naming the request and the figures. Free of LibTorch.
#include <cstdint>
#include <stdexcept>
#include <string>

#include "model/vit_config.h"

namespace vitlens {

class MemoryLimitError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class PassKind {
  Inference,          // no autograd: one layer's activations alive at a time
  InferenceCaptured,  // plus every layer's attention probabilities kept for the views
  Training,           // every layer's activations kept for backward, plus gradients and AdamW state
};

// Bytes a pass over `batch` images of this config needs at its peak (float32 activations; model weights counted
// for Training only, since for inference they are already loaded when the check runs). Deliberately generous:
//   per layer alive: B*N*(6D + 2M) activations + 3*B*H*N^2 (scores, softmax, its copy)
//   captured:        + L*B*H*N^2 attention probabilities (capturedLayers instead of L when not negative)
//   training:        every layer's activations and attention, plus 4x the parameters (weights, grads, Adam m, v)
uint64_t estimatePassBytes(const VitConfig& config, int64_t batch, PassKind kind, int64_t capturedLayers = -1);

// Memory vitlens may use: the override when set (setMemoryLimit, the CLI's --memory-limit, or the environment
// variable VITLENS_MEMORY_LIMIT, e.g. "8G"), else MemAvailable from /proc/meminfo (or the container's headroom,
// if less) plus what this process's malloc holds free for reuse; 0 when neither is known.
uint64_t availableMemoryBytes();
void setMemoryLimit(uint64_t bytes);  // 0 clears the override
// "512M", "8G", "1.5G", "2000000" (bytes) -> bytes; throws std::invalid_argument for anything else.
uint64_t parseMemorySize(const std::string& text);
std::string memoryText(uint64_t bytes);  // "17.2 GB"

// Throws MemoryLimitError when `needed` exceeds availableMemoryBytes(); `what` names the request, e.g.
// "classifying one image at 65,537 tokens".
void requireMemory(uint64_t needed, const std::string& what);
// The usual check: estimatePassBytes for this request, with a message that names tokens, layers, heads and batch.
void requireMemoryForPass(const VitConfig& config, int64_t batch, PassKind kind, const std::string& source,
                          int64_t capturedLayers = -1);

}  // namespace vitlens
