// Engine::queryTrace: the image as the model's input, then model/query_trace_compute.h on the model's device.
#include "engine/engine.h"
#include "engine/engine_impl.h"
#include "model/memory_estimate.h"
#include "model/query_trace_compute.h"

namespace vitlens {

QueryTrace Engine::queryTrace(const cv::Mat& rgb, int layer, int head, int queryPatch) {
  return onDeviceOrCpu(*impl_, [&] {
    requireMemoryForPass(impl_->loaded.meta.config, 1, PassKind::Inference, impl_->source);
    return traceQuery(impl_->loaded.model, modelInput(*impl_, rgb), layer, head, queryPatch);
  });
}

}  // namespace vitlens
