#include "ui/model_session.h"

#include <QFileInfo>

#include "model/runtime.h"

namespace vitlens::ui {

ModelSession::ModelSession(QObject* parent) : QObject(parent), worker_(new AnalysisWorker(this)) {
  connect(worker_, &AnalysisWorker::modelLoaded, this, &ModelSession::onModelLoaded);
  connect(worker_, &AnalysisWorker::modelFailed, this, &ModelSession::onModelFailed);
  connect(worker_, &AnalysisWorker::deviceChanged, this,
          [this](const QString& message, const QString& device, const QString& dtype, const QString& reason) {
            if (!model_) return;
            model_->device = device;
            model_->dtype = dtype;
            model_->dtypeReason = reason;
            model_->notes << message;
            device_ = DeviceChoice::Cpu;  // a reload stays on the CPU unless the user picks CUDA again
            Q_EMIT choiceChanged(device_, options_.dtype);
            Q_EMIT modelMoved(*model_, message);
          });
  connect(worker_, &AnalysisWorker::analysisReady, this, &ModelSession::onAnalysisReady);
  connect(worker_, &AnalysisWorker::analysisFailed, this,
          [this](const QString&, const QString& message) { onAnalysisFailed(message); });
  connect(worker_, &AnalysisWorker::mapReady, this, &ModelSession::mapReady);
  connect(worker_, &AnalysisWorker::mapFailed, this, &ModelSession::mapFailed);
  connect(worker_, &AnalysisWorker::faithfulnessReady, this, &ModelSession::faithfulnessReady);
  connect(worker_, &AnalysisWorker::faithfulnessFailed, this, &ModelSession::faithfulnessFailed);
  connect(worker_, &AnalysisWorker::experimentReady, this, &ModelSession::onExperimentReady);
  connect(worker_, &AnalysisWorker::headScanReady, this, &ModelSession::headScanReady);
  connect(worker_, &AnalysisWorker::headScanFailed, this, &ModelSession::headScanFailed);
  connect(worker_, &AnalysisWorker::queryTraceReady, this, &ModelSession::queryTraceReady);
  connect(worker_, &AnalysisWorker::queryTraceFailed, this, &ModelSession::queryTraceFailed);
  connect(worker_, &AnalysisWorker::folderProgress, this, &ModelSession::folderProgress);
  connect(worker_, &AnalysisWorker::folderReady, this, [this](const FolderResult& result) {
    folder_ = result;
    Q_EMIT folderReady(result);
  });
  connect(worker_, &AnalysisWorker::folderFailed, this, &ModelSession::folderFailed);
  connect(worker_, &AnalysisWorker::experimentFailed, this, &ModelSession::experimentFailed);
  connect(worker_, &AnalysisWorker::busyChanged, this, &ModelSession::busyChanged);
}

ModelSession::~ModelSession() = default;

void ModelSession::start(const QString& modelPath, DeviceChoice device, bool fallBackToBuiltIn) {
  device_ = device;
  fallBackToBuiltIn_ = fallBackToBuiltIn && !modelPath.isEmpty();
  load(modelPath, {});
}

void ModelSession::load(const QString& path, const ModelLoadOptions& options) {
  modelPath_ = path;
  options_ = options;
  imageQueuedAfterLoad_ = false;
  Q_EMIT choiceChanged(device_, options_.dtype);
  worker_->loadModel(path, device_, options);
}

void ModelSession::openModel(const QString& path, const ModelLoadOptions& options) { load(path, options); }

bool ModelSession::setDevice(DeviceChoice device) {
  if (device == DeviceChoice::Cuda && !cudaAvailable()) {
    Q_EMIT errorOccurred(
        tr("CUDA is not available on this machine (no NVIDIA GPU, or LibTorch was built without CUDA); "
           "staying on the CPU."));
    Q_EMIT choiceChanged(device_, options_.dtype);  // a widget that already shows CUDA goes back
    return false;
  }
  device_ = device;
  load(modelPath_, options_);
  return true;
}

void ModelSession::setPrecision(ComputeDtype dtype) {
  ModelLoadOptions options = options_;
  options.dtype = dtype;
  load(modelPath_, options);
}

void ModelSession::setInputSize(int height, int width) {
  ModelLoadOptions options = options_;
  options.inputHeight = height;
  options.inputWidth = width;
  load(modelPath_, options);
}

void ModelSession::requestImage(std::function<void()> request, const QString& name) {
  pendingName_ = name;
  pendingRequest_ = request;
  imageQueuedAfterLoad_ = true;
  request();
}

void ModelSession::openImageFile(const QString& path) {
  requestImage([this, path] { worker_->analyseFile(path); }, QFileInfo(path).fileName());
}

void ModelSession::openImageData(const cv::Mat& rgb, const QString& name) {
  if (rgb.empty()) {
    Q_EMIT imageFailed(tr("%1: no image data").arg(name));
    return;
  }
  requestImage([this, rgb, name] { worker_->analyse(rgb, name); }, name);
}

void ModelSession::openImageBytes(const QByteArray& bytes, const QString& name) {
  requestImage([this, bytes, name] { worker_->analyseBytes(bytes, name); }, name);
}

bool ModelSession::computeMap(const MapRequest& request, std::optional<int> tilesQuery) {
  if (!result_ || !result_->analysis.attention) return false;
  // The changed model's attention and the same change for the methods that run the model: one consistent map.
  worker_->computeMap(mapAttention_ ? mapAttention_ : result_->analysis.attention, result_->rgb, request, tilesQuery,
                      mapChange_);
  return true;
}

bool ModelSession::measureFaithfulness(const std::vector<MapRequest>& requests, bool comparison) {
  if (!result_ || !model_ || !model_->meta.config.hasHead()) return false;
  worker_->measureFaithfulness(result_->rgb, requests, comparison);
  return true;
}

bool ModelSession::runExperiment(const Interventions& change) {
  requestedChange_ = change;
  if (change.empty()) forgetChange();  // the unchanged pass's attention is the image's own
  if (!result_ || !model_ || !model_->meta.config.hasHead()) return false;
  worker_->runExperiment(result_->rgb, change);
  return true;
}

bool ModelSession::scanHeads() {
  if (!result_ || !model_ || !model_->meta.config.hasHead()) return false;
  worker_->scanHeads(result_->rgb);
  return true;
}

bool ModelSession::traceQuery(int layer, int head, int queryPatch) {
  if (!result_ || !model_) return false;
  worker_->traceQuery(result_->rgb, layer, head, queryPatch);
  return true;
}

bool ModelSession::evaluateFolder(const QString& folder) {
  if (!model_ || !model_->meta.config.hasHead()) return false;
  worker_->evaluateFolder(folder);
  return true;
}

void ModelSession::onExperimentReady(const ExperimentResult& result) {
  const bool current = result.change.ablatedHeads == requestedChange_.ablatedHeads &&
                       result.change.droppedPatches == requestedChange_.droppedPatches;
  if (current && result.attention) {
    mapChange_ = result.change;
    mapAttention_ = result.attention;
  }
  Q_EMIT experimentReady(result);
}

void ModelSession::forgetChange() {
  mapChange_ = {};
  mapAttention_.reset();
}

void ModelSession::onModelLoaded(const ModelInfo& info) {
  model_ = info;
  forgetChange();  // another model: the change was the previous one's
  fallBackToBuiltIn_ = false;
  // What loaded is what the session now stands for (a later device switch reloads this file).
  modelPath_ = info.requestedPath;
  options_ = info.options;
  device_ = info.deviceChoice;
  Q_EMIT choiceChanged(device_, options_.dtype);
  Q_EMIT modelLoaded(info);
  // Images queued after this load already ran with the new model. Otherwise run the image the user asked for
  // last through it: the one still waiting for a model, or the one shown.
  if (imageQueuedAfterLoad_) return;
  if (pendingRequest_) {
    pendingRequest_();
  } else if (result_) {
    worker_->analyse(result_->rgb, result_->imageName, result_->path);
  }
}

void ModelSession::onModelFailed(const QString& message) {
  Q_EMIT modelFailed(tr("Could not load the model: %1").arg(message));
  if (fallBackToBuiltIn_ && !model_) {
    fallBackToBuiltIn_ = false;
    load(QString(), {});
    return;
  }
  if (model_) {  // the previous model stays, on its device
    modelPath_ = model_->requestedPath;
    options_ = model_->options;
    device_ = model_->deviceChoice;
  }
  Q_EMIT choiceChanged(device_, options_.dtype);
}

void ModelSession::onAnalysisReady(const AnalysisResult& result) {
  result_ = result;
  forgetChange();  // the changed attention was the previous image's
  pendingRequest_ = nullptr;
  Q_EMIT imageReady(*result_);
}

void ModelSession::onAnalysisFailed(const QString& message) {
  // Without a model the failure is only "no model yet": the model's own error has been announced, and the
  // request is kept to run once one loads. With a model, a bad file is dropped.
  if (!model_) return;
  pendingRequest_ = nullptr;
  Q_EMIT imageFailed(message);
}

}  // namespace vitlens::ui
