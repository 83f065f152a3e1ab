// store_loss: computes loss (char_lstm.cell:37)
// one thread per element of []

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 1u) { return; }
  var loss = 0.0;
  for (var r = 0u; r < sizes.T * sizes.B; r++) {
    let i1 = r % sizes.B;
    let rest = r / sizes.B;
    let i0 = rest;
    let sub38 = work_buf[76u * sizes.B * sizes.T + 4096u * sizes.B + 4u + i0 * sizes.B + i1];
    loss += sub38;
  }
  let loss_2 = (loss / f32(sizes.T * sizes.B));
  work_buf[76u * sizes.B * sizes.T + 4096u * sizes.B + 0u] = loss_2;
}
