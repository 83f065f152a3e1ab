// store_loss: computes loss (seq2seq_attention.cell:74)
// one thread per element of []

struct Sizes { S: u32, T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 1u) { return; }
  var sum73 = 0.0;
  for (var k = 0u; k < sizes.T; k++) {
    let sum72 = work_buf[4u * sizes.B * sizes.S + 8u * sizes.B + 32u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + k];
    sum73 += sum72;
  }
  var sum75 = 0.0;
  for (var k_2 = 0u; k_2 < sizes.T; k_2++) {
    let sum74 = work_buf[4u * sizes.B * sizes.S + 8u * sizes.B + 32u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + 4u * sizes.T + k_2];
    sum75 += sum74;
  }
  let loss = (sum73 / sum75);
  work_buf[4u * sizes.B * sizes.S + 8u * sizes.B + 24u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 0u] = loss;
}
