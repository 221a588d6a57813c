//! The assisting AI on candle: CNN, training, inference, Grad-CAM, feature maps, t-SNE and the clinical model.
