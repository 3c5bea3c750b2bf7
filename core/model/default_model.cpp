#include "model/default_model.h"

// VITLENS_DEFAULT_MODEL_PATH is set by CMake when resources/models/cifar-seed.safetensors exists;
// VITLENS_DEFAULT_MODEL_SHA256 changes this file's preprocessed text whenever the model changes, so ccache never
// serves an object with stale bytes (.incbin content is invisible to it).
#ifdef VITLENS_DEFAULT_MODEL_PATH
__asm__(
    ".section .rodata\n"
    ".balign 16\n"
    ".global vitlens_default_model_begin\n"
    "vitlens_default_model_begin:\n"
    ".incbin \"" VITLENS_DEFAULT_MODEL_PATH
    "\"\n"
    ".global vitlens_default_model_end\n"
    "vitlens_default_model_end:\n"
    ".previous\n");
extern "C" const uint8_t vitlens_default_model_begin[];
extern "C" const uint8_t vitlens_default_model_end[];
#endif

namespace vitlens {

bool hasDefaultModel() { return defaultModelSize() > 0; }

const uint8_t* defaultModelData() {
#ifdef VITLENS_DEFAULT_MODEL_PATH
  return vitlens_default_model_begin;
#else
  return nullptr;
#endif
}

size_t defaultModelSize() {
#ifdef VITLENS_DEFAULT_MODEL_PATH
  return static_cast<size_t>(vitlens_default_model_end - vitlens_default_model_begin);
#else
  return 0;
#endif
}

std::string defaultModelName() {
#ifdef VITLENS_DEFAULT_MODEL_SHA256
  return std::string("built-in cifar-seed model (sha256 ") + std::string(VITLENS_DEFAULT_MODEL_SHA256).substr(0, 12) +
         ")";
#else
  return "built-in cifar-seed model";
#endif
}

}  // namespace vitlens
