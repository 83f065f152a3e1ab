// Reading GPU memory back to the host: the one way the runtime does it. A copy into a staging
// buffer is recorded in a command encoder; after the submission, mapping it yields the floats.

export interface Staged {
  /** The floats, once the submission that holds the copy has run; frees the staging buffer. */
  read(): Promise<Float32Array>;
  /** Free the staging buffer unread (the submission failed). */
  destroy(): void;
}

/** Record a copy of `count` floats of `buffer` from float `offset` into `encoder`. */
export function stage(device: GPUDevice, encoder: GPUCommandEncoder, buffer: GPUBuffer, offset: number, count: number): Staged {
  const bytes = count * 4;
  const staging = device.createBuffer({ size: Math.max(16, bytes), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  encoder.copyBufferToBuffer(buffer, offset * 4, staging, 0, bytes);
  return {
    async read() {
      await staging.mapAsync(GPUMapMode.READ);
      const data = new Float32Array(staging.getMappedRange().slice(0, bytes));
      staging.destroy();
      return data;
    },
    destroy: () => staging.destroy(),
  };
}

/** Read `count` floats of `buffer` from float `offset`: a submission of its own and a round trip. */
export function readBack(device: GPUDevice, buffer: GPUBuffer, offset: number, count: number): Promise<Float32Array> {
  const encoder = device.createCommandEncoder();
  const staged = stage(device, encoder, buffer, offset, count);
  device.queue.submit([encoder.finish()]);
  return staged.read();
}
