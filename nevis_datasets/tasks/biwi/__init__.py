"""BIWI Kinect Head Pose as multi-label classification of quantised yaw, pitch and roll."""
