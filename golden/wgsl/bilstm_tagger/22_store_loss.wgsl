// store_loss: computes loss (bilstm_tagger.cell:40)
// one thread per element of []

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 1u) { return; }
  var sum33 = 0.0;
  for (var k = 0u; k < sizes.T; k++) {
    let sum32 = work_buf[304u * sizes.B * sizes.T + 4u * sizes.B + 4u + k];
    sum33 += sum32;
  }
  var sum35 = 0.0;
  for (var k_2 = 0u; k_2 < sizes.T; k_2++) {
    let sum34 = work_buf[304u * sizes.B * sizes.T + 4u * sizes.B + 4u + 4u * sizes.T + k_2];
    sum35 += sum34;
  }
  let loss = (sum33 / sum35);
  work_buf[12u * sizes.B * sizes.T + 4u * sizes.B + 0u] = loss;
}
