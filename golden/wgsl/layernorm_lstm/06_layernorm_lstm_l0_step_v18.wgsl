// layernorm_lstm_l0_step_v18: one time step of layernorm_lstm_l0: %18 (layernorm_lstm.cell:23)
// one thread per element of [B, 80]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 80u * sizes.B) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i1 = id % 80u;
  let rest = id / 80u;
  let i0 = rest;
  let a = work_buf[32u * sizes.B * sizes.T + 100u * sizes.B + tau * 80u * sizes.B + i0 * 80u + i1];
  var sum12 = 0.0;
  for (var k = 0u; k < 80u; k++) {
    let a_2 = work_buf[32u * sizes.B * sizes.T + 100u * sizes.B + tau * 80u * sizes.B + i0 * 80u + k];
    sum12 += a_2;
  }
  let div14 = (sum12 / 80.0);
  let sub16 = (a - div14);
  let mul18 = (sub16 * sub16);
  work_buf[112u * sizes.B * sizes.T + 180u * sizes.B + i0 * 80u + i1] = mul18;
}
