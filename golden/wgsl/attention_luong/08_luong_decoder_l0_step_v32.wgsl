// luong_decoder_l0_step_v32: one time step of luong_decoder_l0: %32 (attention_luong.cell:30)
// one thread per element of [B, S]

struct Sizes { T: u32, S: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= sizes.B * sizes.S) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i1 = id % sizes.S;
  let rest = id / sizes.S;
  let i0 = rest;
  var scores = 0.0;
  for (var k = 0u; k < 16u; k++) {
    let memory = work_buf[72u * sizes.B * sizes.T + 16u * sizes.B * sizes.S + 33u * sizes.B + ((i0) * sizes.S + i1) * 16u + k];
    let matmul28 = work_buf[120u * sizes.B * sizes.T + 33u * sizes.B * sizes.S + 129u * sizes.B + sizes.B * sizes.S * sizes.T + i0 * 16u + k];
    let mul30 = (memory * matmul28);
    scores += mul30;
  }
  let mask = work_buf[72u * sizes.B * sizes.T + 32u * sizes.B * sizes.S + 33u * sizes.B + i0 * sizes.S + i1];
  let masked32 = select(-1.0000000150474662e+30, scores, mask > 0.5);
  work_buf[120u * sizes.B * sizes.T + 33u * sizes.B * sizes.S + 145u * sizes.B + sizes.B * sizes.S * sizes.T + i0 * sizes.S + i1] = masked32;
}
